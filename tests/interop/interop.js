/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * Interoperability: tern-demo against the LwM2M server of the npm package
 * lwm2m-node-lib (plain CoAP, loopback). Register, Read, Write, Execute
 * (Reboot: the demo de-registers and registers again), De-register on
 * SIGINT.
 *
 * usage: node interop.js <tern-demo>  (see run_interop.sh)
 * Exits 0 on success, 1 on failure, 77 when the npm modules are missing.
 */
'use strict';

const path = require('path');
const dgram = require('dgram');
const childProcess = require('child_process');

const SKIP = 77;
const demoPath = process.argv[2];
if (!demoPath) {
    console.error('usage: node interop.js <tern-demo>');
    process.exit(2);
}

let CoapServer, lwm2mServer;
try {
    const modules = path.join(__dirname, 'node_modules');
    CoapServer = require(path.join(modules, 'coap', 'lib', 'server'));
    lwm2mServer = require(path.join(modules, 'lwm2m-node-lib')).server;
} catch (e) {
    console.log('SKIP: npm modules missing (run `npm ci` in tests/interop): ' +
                e.message);
    process.exit(SKIP);
}

/* The library's CoAP server binds the wildcard address; tests stay on
 * loopback. */
const originalListen = CoapServer.prototype.listen;
CoapServer.prototype.listen = function(port, address, done) {
    if (typeof address !== 'string') {
        return originalListen.call(this, port, '127.0.0.1', address || done);
    }
    return originalListen.call(this, port, address, done);
};

const deadline = setTimeout(() => fail('timed out'), 60000);
let demo = null;

function log(text) {
    console.log('interop: ' + text);
}

function fail(why) {
    console.log('FAIL: ' + why);
    if (demo && demo.exitCode === null) {
        demo.kill('SIGKILL');
    }
    process.exit(1);
}

function check(condition, what) {
    if (!condition) {
        fail(what);
    }
    log('ok: ' + what);
}

function freePort(callback) {
    const socket = dgram.createSocket('udp4');
    socket.bind(0, '127.0.0.1', () => {
        const port = socket.address().port;
        socket.close(() => callback(port));
    });
}

/* Events the handlers report, consumed in order by the script below. */
const waiting = [];
const events = [];

function emit(event) {
    events.push(event);
    while (waiting.length && events.length) {
        waiting.shift()(events.shift());
    }
}

function nextEvent() {
    return new Promise((resolve) => {
        if (events.length) {
            resolve(events.shift());
        } else {
            waiting.push(resolve);
        }
    });
}

function call(fn, ...args) {
    return new Promise((resolve, reject) => {
        fn(...args, (error, result) => (error ? reject(error) : resolve(result)));
    });
}

async function script(port) {
    demo = childProcess.spawn(demoPath, ['-e', 'tern-interop', '-u',
                                         'coap://127.0.0.1:' + port, '-l',
                                         '60'],
                              {stdio: ['ignore', 'inherit', 'inherit']});
    demo.on('exit', (code, signal) =>
        emit({type: 'exit', code: code, signal: signal}));

    let event = await nextEvent();
    check(event.type === 'registration' && event.ep === 'tern-interop',
          'Register with ep=tern-interop');
    check(event.lt == 60 && event.version === '1.1' && event.binding === 'U',
          'lt=60, lwm2m=1.1, b=U');
    check(event.payload.includes('</3/0>') &&
              event.payload.includes('</3333/0>'),
          'links name /3/0 and /3333/0');

    const device = await call(lwm2mServer.getDevice, 'tern-interop');
    const id = device.id;
    const manufacturer = await call(lwm2mServer.read, id, 3, 0, 0);
    check(manufacturer === 'Tern', 'Read /3/0/0 gives "Tern"');
    const model = await call(lwm2mServer.read, id, 3, 0, 1);
    check(model === 'tern-demo', 'Read /3/0/1 gives "tern-demo"');

    await call(lwm2mServer.write, id, 3333, 0, 5750, 'interop');
    const written = await call(lwm2mServer.read, id, 3333, 0, 5750);
    check(written === 'interop', 'Write /3333/0/5750, read back "interop"');

    await call(lwm2mServer.execute, id, 3, 0, 4, '');
    log('ok: Execute /3/0/4 (Reboot)');
    event = await nextEvent();
    check(event.type === 'unregistration', 'De-register before the reboot');
    event = await nextEvent();
    check(event.type === 'registration' && event.ep === 'tern-interop',
          'Register again after the reboot');

    demo.kill('SIGINT');
    event = await nextEvent();
    check(event.type === 'unregistration', 'De-register on SIGINT');
    event = await nextEvent();
    check(event.type === 'exit' && event.code === 0, 'tern-demo exits with 0');
}

freePort((port) => {
    const config = {
        port: port,
        udpWindow: 100,
        logLevel: process.env.INTEROP_LOG || 'FATAL',
        serverProtocol: 'udp4',
        ipProtocol: 'udp4',
        deviceRegistry: {type: 'memory'},
        /* The library's defaults are pre-1.0 numbers (1541). */
        formats: [{name: 'text/plain', value: 0}],
        writeFormat: 'text/plain',
        defaultAcceptFormat: 'text/plain',
        defaultType: 'Device',
        types: []
    };
    lwm2mServer.start(config, (error, serverInfo) => {
        if (error) {
            fail('cannot start the server: ' + error);
        }
        lwm2mServer.setHandler(serverInfo, 'registration',
                               (ep, lt, version, binding, payload, cb) => {
                                   emit({type: 'registration', ep: ep, lt: lt,
                                         version: version, binding: binding,
                                         payload: payload});
                                   cb();
                               });
        lwm2mServer.setHandler(serverInfo, 'unregistration', (device, cb) => {
            emit({type: 'unregistration', device: device});
            cb();
        });
        lwm2mServer.setHandler(serverInfo, 'updateRegistration',
                               (device, payload, cb) => cb());
        script(port).then(() => {
            clearTimeout(deadline);
            log('all steps passed');
            lwm2mServer.stop(serverInfo, () => process.exit(0));
        }, (error) => fail(String(error)));
    });
});
