/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/* Command-line options of tern-demo (those of the common Anjay demo). */
#ifndef TERN_DEMO_ARGS_H
#define TERN_DEMO_ARGS_H

#include <anjay/anjay.h>

/** A file or option value as bytes (owned). */
typedef struct {
    uint8_t *data;
    size_t size;
} demo_bytes_t;

/** Parsed options. */
typedef struct {
    const char *endpoint_name;
    const char *server_uri;
    /** -1 until given: derived from the URI scheme. */
    int security_mode;
    demo_bytes_t identity;
    demo_bytes_t key;
    demo_bytes_t client_cert;
    demo_bytes_t client_key;
    demo_bytes_t server_public_key;
    bool bootstrap;
    int32_t lifetime;
    uint32_t *ciphersuites;
    size_t ciphersuite_count;
    uint16_t udp_listen_port;
    bool confirmable_notifications;
} demo_args_t;

/**
 * Parses argv.
 *
 * @returns 0, 1 when --help was printed, -1 on a bad option (explained on
 *          stderr).
 */
int demo_args_parse(int argc, char **argv, demo_args_t *out);

/** Frees what parsing allocated. */
void demo_args_free(demo_args_t *args);

#endif /* TERN_DEMO_ARGS_H */
