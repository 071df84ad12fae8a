// Reads what sizes a Java build from its build file: pom.xml (a linear tag scan, no XML library) or
// build.gradle / build.gradle.kts (line by line): the dependencies and their scopes, whether a
// plugin repackages the jar with its dependencies (Spring Boot, shade, assembly, shadow), the
// packaging, and whether it is a multi-module build. Bounded: large files are read up to MAX_TEXT.

export type JvmScope = 'runtime' | 'provided' | 'test' | 'dev';
export interface JvmDependency { artifact: string; scope: JvmScope }
export interface JvmProject {
  file: string;
  /** The plugin that writes a jar holding every runtime dependency. */
  fatJar?: 'spring-boot' | 'shade' | 'assembly' | 'shadow';
  packaging: string;
  deps: JvmDependency[];
  /** `<modules>` of a Maven aggregator: the modules' own poms are not read. */
  modules: number;
  /** `<build><finalName>`: the jar's name without `.jar`. */
  finalName?: string;
  artifactId?: string;
  /** GraalVM's native-maven-plugin: in the main build (`main`) and in which profiles (`-P<id>` turns it on). */
  native?: { main: boolean; profiles: string[] };
}

const MAX_TEXT = 512 * 1024;
const MAX_DEPTH = 64;

function mavenScope(scope: string | undefined, artifact: string): JvmScope {
  if (artifact === 'spring-boot-devtools') return 'dev';
  // An annotation processor: compiled against, never run (Spring Initializr also leaves it out of the jar).
  if (artifact === 'lombok') return 'provided';
  if (scope === 'test') return 'test';
  if (scope === 'provided' || scope === 'system') return 'provided';
  return 'runtime';
}

/** pom.xml: project-level dependencies and build plugins (dependencyManagement, profiles and plugin dependencies are not the project's). */
export function readPom(full: string): JvmProject {
  const text = full.length > MAX_TEXT ? full.slice(0, MAX_TEXT) : full;
  const project: JvmProject = { file: 'pom.xml', packaging: 'jar', deps: [], modules: 0 };
  const stack: string[] = [];
  let valueStart = 0;
  let dep: Record<string, string> = {};
  let plugin = '';
  let pluginFat = false;
  let profile = { id: '', native: false };
  const nativePlugin = (where: 'main' | string) => {
    project.native ??= { main: false, profiles: [] };
    if (where === 'main') project.native.main = true;
    else project.native.profiles.push(where);
  };
  const close = (path: string, value: string) => {
    if (path.startsWith('project/profiles/profile')) {
      if (path === 'project/profiles/profile/id') profile.id = value;
      else if (path === 'project/profiles/profile/build/plugins/plugin/artifactId' && value === 'native-maven-plugin') profile.native = true;
      else if (path === 'project/profiles/profile') {
        if (profile.native) nativePlugin(profile.id);
        profile = { id: '', native: false };
      }
      return;
    }
    if (path === 'project/artifactId') project.artifactId = value;
    if (path === 'project/build/plugins/plugin/artifactId' && value === 'native-maven-plugin') nativePlugin('main');
    if (path === 'project/dependencies/dependency') {
      if (dep.artifactId) project.deps.push({ artifact: dep.artifactId, scope: mavenScope(dep.scope, dep.artifactId) });
      dep = {};
    } else if (path.startsWith('project/dependencies/dependency/')) dep[path.slice(32)] = value;
    else if (path === 'project/packaging') project.packaging = value;
    else if (path === 'project/build/finalName') project.finalName = value;
    else if (path === 'project/modules/module') project.modules++;
    else if (path === 'project/build/plugins/plugin/artifactId') plugin = value;
    else if (path.startsWith('project/build/plugins/plugin/') && path.endsWith('/descriptorRef') && value === 'jar-with-dependencies') pluginFat = true;
    else if (path === 'project/build/plugins/plugin') {
      if (plugin === 'spring-boot-maven-plugin') project.fatJar = 'spring-boot';
      else if (plugin === 'maven-shade-plugin') project.fatJar ??= 'shade';
      else if (plugin === 'maven-assembly-plugin' && pluginFat) project.fatJar ??= 'assembly';
      plugin = '';
      pluginFat = false;
    }
  };
  let i = 0;
  while (i < text.length) {
    const lt = text.indexOf('<', i);
    if (lt === -1) break;
    const ender = text.startsWith('<!--', lt) ? '-->' : text.startsWith('<![CDATA[', lt) ? ']]>' : '>';
    const gt = text.indexOf(ender, lt + 1);
    if (gt === -1) break;
    i = gt + ender.length;
    if (ender !== '>') continue;
    const first = text[lt + 1];
    if (first === '?' || first === '!') continue;
    if (first === '/') {
      const name = stack.pop();
      if (name === undefined) break;
      close(stack.length ? `${stack.join('/')}/${name}` : name, text.slice(valueStart, lt).trim());
      continue;
    }
    let end = lt + 1;
    while (end < gt && !/[\s/]/.test(text[end])) end++;
    const name = text.slice(lt + 1, end);
    if (text[gt - 1] === '/') close(stack.length ? `${stack.join('/')}/${name}` : name, '');
    else {
      if (stack.length >= MAX_DEPTH) break;
      stack.push(name);
      valueStart = i;
    }
  }
  return project;
}

const GRADLE_SCOPES: Record<string, JvmScope> = {
  implementation: 'runtime', api: 'runtime', compile: 'runtime', runtimeOnly: 'runtime', runtime: 'runtime',
  compileOnly: 'provided', annotationProcessor: 'provided', providedCompile: 'provided', providedRuntime: 'provided', kapt: 'provided',
  testImplementation: 'test', testCompile: 'test', testRuntimeOnly: 'test', testCompileOnly: 'test', testAnnotationProcessor: 'test',
  developmentOnly: 'dev',
};
/** `implementation 'g:a:v'`, `implementation("g:a")`, `testImplementation group: 'g', name: 'a'`. */
const GRADLE_DEP = /^[ \t]*([A-Za-z]+)[ \t]*(?:\([ \t]*)?(?:group[ \t]*[:=][ \t]*['"][^'"]*['"][ \t]*,[ \t]*name[ \t]*[:=][ \t]*)?['"]([^'"]*)['"]/;
const WAR_PLUGIN = /^[ \t]*(?:id[ \t]*(?:\([ \t]*)?['"]war['"]|war[ \t\r]*$|apply[ \t]+plugin[ \t]*:[ \t]*['"]war['"])/m;
const MAX_LINE = 1000;

function gradlePlugin(text: string, id: string): boolean {
  for (let k = text.indexOf(id); k !== -1; k = text.indexOf(id, k + id.length)) {
    const after = text[k + id.length];
    if (after === '"' || after === "'") return true;
  }
  return false;
}

/** build.gradle or build.gradle.kts: dependency lines by configuration, and the plugins that make a fat jar or a war. */
export function readGradle(full: string, file: string): JvmProject {
  const text = full.length > MAX_TEXT ? full.slice(0, MAX_TEXT) : full;
  const project: JvmProject = { file, packaging: 'jar', deps: [], modules: 0 };
  if (gradlePlugin(text, 'org.springframework.boot')) project.fatJar = 'spring-boot';
  else if (gradlePlugin(text, 'com.github.johnrengelman.shadow') || gradlePlugin(text, 'com.gradleup.shadow') || gradlePlugin(text, 'io.github.goooler.shadow')) project.fatJar = 'shadow';
  if (WAR_PLUGIN.test(text)) project.packaging = 'war';
  for (const line of text.split('\n')) {
    const m = line.length <= MAX_LINE ? GRADLE_DEP.exec(line) : null;
    const scope = m && GRADLE_SCOPES[m[1]];
    if (!m || !scope) continue;
    const parts = m[2].split(':');
    const artifact = parts.length >= 2 ? parts[1] : parts[0];
    if (artifact) project.deps.push({ artifact, scope: artifact === 'spring-boot-devtools' ? 'dev' : scope });
  }
  return project;
}
