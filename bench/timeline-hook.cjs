/**
 * `node --require bench/timeline-hook.cjs signet.cjs sign …`: records when a signet process starts
 * scrypt, gets its key, sends and finishes each registry request and sleeps (the confirm wait), in
 * milliseconds since the process started, and writes them as JSON to $SIGNET_TIMELINE_FILE at exit.
 * It wraps node:http and node:crypto when the CLI loads them, so it loads nothing ahead of the CLI.
 */
'use strict';
const Module = require('node:module');
const { writeFileSync } = require('node:fs');

const events = [];
const mark = (what, start, end) => events.push(end === undefined ? { what, at: start } : { what, at: start, end });
const wrapped = new Set();
const load = Module._load;
Module._load = function (request, ...rest) {
  const exports = load.call(this, request, ...rest);
  const name = request.replace(/^node:/, '');
  if (wrapped.has(name)) return exports;
  if (name === 'http') {
    wrapped.add(name);
    const request_ = exports.request;
    exports.request = function (...args) {
      const url = typeof args[0] === 'string' || args[0] instanceof URL ? new URL(args[0]) : undefined;
      const options = (url === undefined ? args[0] : typeof args[1] === 'object' ? args[1] : undefined) ?? {};
      const path = options.path ?? (url === undefined ? '' : url.pathname + url.search);
      const what = `${options.method ?? 'GET'} ${String(path).replace(/sha256[:-][0-9a-f]{64}/g, '<digest>').replace(/uploads\/.*/, 'uploads/<id>').replace(/^\/v2\/[^/]+\/[^/]+\//, '')}`;
      const start = performance.now();
      const req = request_.apply(this, args);
      req.on('response', (res) => res.on('end', () => mark(what, start, performance.now())));
      return req;
    };
  } else if (name === 'crypto') {
    wrapped.add(name);
    const scrypt = exports.scrypt;
    exports.scrypt = function (...args) {
      const start = performance.now();
      const done = args[args.length - 1];
      args[args.length - 1] = (err, key) => {
        mark('scrypt', start, performance.now());
        done(err, key);
      };
      return scrypt.apply(this, args);
    };
    for (const name of ['createPrivateKey', 'createPublicKey']) {
      const original = exports[name];
      exports[name] = function (...args) {
        const start = performance.now();
        const result = original.apply(this, args);
        mark(name, start, performance.now());
        return result;
      };
    }
    const sign = exports.sign;
    exports.sign = function (...args) {
      mark('sign', performance.now());
      return sign.apply(this, args);
    };
  }
  return exports;
};
const setTimeout_ = globalThis.setTimeout;
globalThis.setTimeout = function (callback, ms, ...args) {
  // the confirm wait and back-offs; not the transport's long timeouts or zero-delay turns
  if (ms >= 1 && ms < 10000) events.push({ what: 'sleep', at: performance.now(), end: performance.now() + ms });
  return setTimeout_(callback, ms, ...args);
};
process.on('exit', () => {
  mark('exit', performance.now());
  if (process.env.SIGNET_TIMELINE_FILE) writeFileSync(process.env.SIGNET_TIMELINE_FILE, JSON.stringify(events));
});
