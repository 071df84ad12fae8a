// `RUN --mount=` options, parsed the way BuildKit does (a CSV record of key=value fields, keys
// lowercased, the whole value possibly quoted). dockerfile-ast has no model of them.

export interface MountOption {
  key: string;
  value: string;
  /** Offsets of the value within the flag value string given to parseMount. */
  valueStart: number;
  valueEnd: number;
}

export function parseMount(flagValue: string): MountOption[] {
  let s = flagValue;
  let base = 0;
  if (s.length >= 2 && (s[0] === '"' || s[0] === "'") && s[s.length - 1] === s[0]) {
    s = s.slice(1, -1);
    base = 1;
  }
  const options: MountOption[] = [];
  let i = 0;
  while (i <= s.length) {
    const fieldStart = i;
    let field = '';
    let fieldMap: number[] = [];
    if (s[i] === '"') {
      // CSV quoted field: "" is a literal quote.
      i++;
      while (i < s.length) {
        if (s[i] === '"') {
          if (s[i + 1] === '"') {
            field += '"';
            fieldMap.push(i);
            i += 2;
            continue;
          }
          i++;
          break;
        }
        field += s[i];
        fieldMap.push(i);
        i++;
      }
      while (i < s.length && s[i] !== ',') i++;
    } else {
      const comma = s.indexOf(',', i);
      const end = comma === -1 ? s.length : comma;
      field = s.slice(i, end);
      fieldMap = [];
      for (let k = i; k < end; k++) fieldMap.push(k);
      i = end;
    }
    const eq = field.indexOf('=');
    const key = (eq === -1 ? field : field.slice(0, eq)).trim().toLowerCase();
    const value = eq === -1 ? '' : field.slice(eq + 1);
    if (key) {
      const vs = eq === -1 ? fieldStart : fieldMap[eq + 1] ?? (fieldMap.length ? fieldMap[fieldMap.length - 1] + 1 : fieldStart);
      const ve = value.length ? fieldMap[fieldMap.length - 1] + 1 : vs;
      options.push({ key, value, valueStart: base + vs, valueEnd: base + ve });
    }
    if (i >= s.length) break;
    i++; // the comma
  }
  return options;
}
