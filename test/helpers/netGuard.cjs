// Preloaded into a server process under test (NODE_OPTIONS=--require): appends every outgoing
// connection the process opens (TCP host and port, or a socket path; TLS sockets included, they
// connect through net.Socket) to the file DFS_NET_LOG, one JSON line each, before it is made. The
// online size tests read it to show that nothing goes to any address but their local server.
'use strict';
const fs = require('node:fs');
const net = require('node:net');

const log = process.env.DFS_NET_LOG;
if (log) {
  const connect = net.Socket.prototype.connect;
  net.Socket.prototype.connect = function (...args) {
    try {
      let a = args;
      if (Array.isArray(a[0])) a = a[0];
      const o = a[0];
      const to = typeof o === 'object' && o !== null ? (o.path ? { path: String(o.path) } : { host: o.host ?? 'localhost', port: Number(o.port) }) : typeof o === 'number' || /^\d+$/.test(String(o)) ? { host: typeof a[1] === 'string' ? a[1] : 'localhost', port: Number(o) } : { path: String(o) };
      fs.appendFileSync(log, JSON.stringify(to) + '\n');
    } catch {
      fs.appendFileSync(log, JSON.stringify({ unreadable: true }) + '\n');
    }
    return connect.apply(this, args);
  };
}
