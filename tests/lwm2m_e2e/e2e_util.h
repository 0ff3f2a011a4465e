/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * End-to-end harness: tern-test-server runs as a child process driven
 * through its stdin and stdout; the Tern client runs in the test process.
 * Everything is single-threaded: while a test waits for a server line it
 * keeps serving the client's sockets and running its scheduler.
 */
#ifndef TERN_E2E_UTIL_H
#define TERN_E2E_UTIL_H

#include <stdbool.h>
#include <sys/types.h>

#include <anjay/anjay.h>

#include "e2e_object.h"

#define E2E_MAX_LINES 256
#define E2E_LINE_SIZE 4096

/** A tern-test-server child. */
typedef struct {
    pid_t pid;
    int in_fd;
    int out_fd;
    char partial[E2E_LINE_SIZE];
    size_t partial_len;
    /** Lines not consumed yet, oldest first. */
    char *lines[E2E_MAX_LINES];
    size_t line_count;
    unsigned coap_port;
    unsigned coaps_port;
    unsigned tcp_port;
    unsigned tls_port;
} e2e_server_t;

/** Path of the tern-test-server binary (argv[1] of every test). */
extern const char *e2e_server_path;

/**
 * Starts the server on 127.0.0.1 with @p args (NULL-terminated, may be
 * NULL) added to the command line; ports are picked by the server unless
 * @p args give them. Waits for the READY line.
 */
bool e2e_server_start(e2e_server_t *srv, const char *const *args);

/** Sends one command line. */
void e2e_server_cmd(e2e_server_t *srv, const char *fmt, ...)
        __attribute__((format(printf, 2, 3)));

/**
 * Waits up to @p timeout_ms for a line that starts with @p prefix and, if
 * @p contains is not NULL, contains it; the client (may be NULL) is served
 * meanwhile. The line is consumed and copied to @p out (may be NULL).
 */
bool e2e_wait(e2e_server_t *srv, anjay_t *anjay, const char *prefix,
              const char *contains, int timeout_ms, char *out, size_t out_size);

/** Forgets the lines received so far. */
void e2e_server_flush(e2e_server_t *srv);

/** Whether a line starting with @p prefix was received and not consumed. */
bool e2e_server_saw(e2e_server_t *srv, const char *prefix);

/** Stops the server (quit, then SIGKILL by PID if needed). */
void e2e_server_stop(e2e_server_t *srv);

/**
 * Makes every pump also poll @p fds (up to 4) and call @p hook after each
 * wait, e.g. to run a UDP relay in the test process. NULL removes it.
 */
void e2e_set_pump_hook(void (*hook)(void *arg), void *arg, const int *fds,
                       size_t fd_count);

/** Serves the client and collects server lines for @p ms. */
void e2e_pump(e2e_server_t *srv, anjay_t *anjay, int ms);

/** How the test client connects. */
typedef struct {
    const char *uri;
    anjay_security_mode_t mode;
    const char *psk_identity;
    const char *psk_key;
    const uint8_t *cert;
    size_t cert_size;
    const uint8_t *key;
    size_t key_size;
    const uint8_t *server_cert;
    size_t server_cert_size;
    bool bootstrap;
    int32_t lifetime;
    /** Fields of the configuration to use instead of the test defaults;
     * endpoint_name NULL keeps "e2e-client". */
    const anjay_configuration_t *config;
    /** Communication Retry Timer for the Server Instance (0: 1 s). */
    uint32_t retry_timer_s;
    bool notification_storing;
    /** If set, a Bootstrap Server account (NoSec) is added as well. */
    const char *bootstrap_uri;
} e2e_client_opts_t;

/** A Tern client with the demo Objects and the test Object. */
typedef struct {
    anjay_t *anjay;
    const anjay_dm_object_def_t **device;
    const anjay_dm_object_def_t **time;
    e2e_object_t test;
} e2e_client_t;

/** Creates the client; it connects on the first scheduler run. */
bool e2e_client_start(e2e_client_t *client, const e2e_client_opts_t *opts);

/** Deletes the client (which de-registers) and frees the Objects. */
void e2e_client_stop(e2e_client_t *client);

/** Reads a whole file; NULL on error. Free with free(). */
uint8_t *e2e_read_file(const char *path, size_t *out_size);

/** Runs a shell command; its exit status. */
int e2e_shell(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/** Makes a fresh temporary directory for the test; NULL on error. */
const char *e2e_tmpdir(void);

#endif /* TERN_E2E_UTIL_H */
