/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * Reasons, files, the scratch directory, log capture and the client-side
 * helpers shared by the checks.
 */
#include "tc.h"

#include <avsystem/commons/avs_log.h>
#include <avsystem/commons/avs_time.h>

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Reasons are consumed by main() before the next check starts. */
static char g_reason[1024];

const char *tc_reason(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(g_reason, sizeof(g_reason), fmt, ap);
    va_end(ap);
    return g_reason;
}

const char *tc_skip(const char *fmt, ...) {
    memcpy(g_reason, TC_SKIP_MARK, sizeof(TC_SKIP_MARK) - 1);
    g_reason[sizeof(TC_SKIP_MARK) - 1] = ':';
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(g_reason + sizeof(TC_SKIP_MARK),
              sizeof(g_reason) - sizeof(TC_SKIP_MARK), fmt, ap);
    va_end(ap);
    return g_reason;
}

bool tc_is_errno(avs_error_t err, avs_errno_t code) {
    return err.category == AVS_ERRNO_CATEGORY && err.code == (uint16_t) code;
}

const char *tc_describe(avs_error_t err) {
    static char buf[4][96];
    static int next;
    char *out = buf[next++ % 4];
    if (avs_is_ok(err)) {
        snprintf(out, sizeof(buf[0]), "success");
    } else if (err.category == AVS_NET_SSL_ALERT_CATEGORY) {
        snprintf(out, sizeof(buf[0]), "TLS alert level %u description %u",
                 (unsigned) avs_net_ssl_alert_level(err),
                 (unsigned) avs_net_ssl_alert_description(err));
    } else if (err.category == AVS_ERRNO_CATEGORY) {
        snprintf(out, sizeof(buf[0]), "%s",
                 avs_strerror((avs_errno_t) err.code));
    } else {
        snprintf(out, sizeof(buf[0]), "category %u code %u",
                 (unsigned) err.category, (unsigned) err.code);
    }
    return out;
}

/* ---- scratch directory ---- */

static char g_scratch[256];

const char *tc_path(const char *name) {
    static char paths[8][512];
    static int next;
    char *out = paths[next++ % 8];
    snprintf(out, sizeof(paths[0]), "%s/%s", g_scratch, name);
    return out;
}

bool tc_make_scratch_dir(void) {
    const char *base = getenv("TMPDIR");
    snprintf(g_scratch, sizeof(g_scratch), "%s/tern-tls-XXXXXX",
             base && *base ? base : "/tmp");
    return mkdtemp(g_scratch) != NULL;
}

void tc_remove_scratch_dir(void) {
    if (!*g_scratch) {
        return;
    }
    char command[600];
    snprintf(command, sizeof(command), "rm -rf '%s'", g_scratch);
    if (system(command)) {
        fprintf(stderr, "could not remove %s\n", g_scratch);
    }
}

bool tc_read_file(const char *name, void **out_data, size_t *out_size) {
    FILE *file = fopen(tc_path(name), "rb");
    if (!file) {
        return false;
    }
    size_t capacity = 65536;
    unsigned char *data = (unsigned char *) malloc(capacity);
    size_t size = data ? fread(data, 1, capacity, file) : 0;
    bool ok = data && !ferror(file) && size < capacity;
    fclose(file);
    if (!ok) {
        free(data);
        return false;
    }
    *out_data = data;
    *out_size = size;
    return true;
}

bool tc_have_program(const char *name) {
    const char *path = getenv("PATH");
    if (!path) {
        path = "/usr/bin:/bin";
    }
    char candidate[1024];
    while (*path) {
        size_t length = strcspn(path, ":");
        snprintf(candidate, sizeof(candidate), "%.*s/%s", (int) length, path,
                 name);
        if (length && !access(candidate, X_OK)) {
            return true;
        }
        path += length + (path[length] == ':');
    }
    return false;
}

/* ---- log capture ---- */

bool tc_verbose;
static char g_last_log[512];

static void log_handler(avs_log_level_t level, const char *module,
                        const char *message) {
    if (level >= AVS_LOG_WARNING) {
        snprintf(g_last_log, sizeof(g_last_log), "%s", message);
    }
    if (tc_verbose) {
        fprintf(stderr, "    [%s] %s\n", module, message);
    }
}

const char *tc_last_log(void) {
    return g_last_log;
}

void tc_install_log_handler(void) {
    avs_log_set_handler(log_handler);
    avs_log_set_default_level(tc_verbose ? AVS_LOG_DEBUG : AVS_LOG_INFO);
}

/* ---- client side ---- */

avs_crypto_prng_ctx_t *tc_prng;

const unsigned char TC_PSK_KEY[16] = {0x01, 0x23, 0x45, 0x67, 0x89, 0xab,
                                      0xcd, 0xef, 0x01, 0x23, 0x45, 0x67,
                                      0x89, 0xab, 0xcd, 0xef};

avs_net_ssl_configuration_t tc_psk_config(void) {
    avs_net_ssl_configuration_t config;
    memset(&config, 0, sizeof(config));
    avs_net_psk_info_t psk;
    memset(&psk, 0, sizeof(psk));
    psk.identity = avs_crypto_psk_identity_info_from_buffer(
            TC_PSK_IDENTITY, strlen(TC_PSK_IDENTITY));
    psk.key =
            avs_crypto_psk_key_info_from_buffer(TC_PSK_KEY, sizeof(TC_PSK_KEY));
    config.security = avs_net_security_info_from_psk(psk);
    config.prng_ctx = tc_prng;
    return config;
}

avs_net_ssl_configuration_t tc_cert_config(void) {
    avs_net_ssl_configuration_t config;
    memset(&config, 0, sizeof(config));
    avs_net_certificate_info_t info;
    memset(&info, 0, sizeof(info));
    info.server_cert_validation = true;
    info.ignore_system_trust_store = true;
    info.trusted_certs =
            avs_crypto_certificate_chain_info_from_file(tc_path("ca.crt"));
    config.security = avs_net_security_info_from_certificates(info);
    config.prng_ctx = tc_prng;
    return config;
}

void tc_set_timeouts(avs_net_ssl_configuration_t *config,
                     avs_net_dtls_handshake_timeouts_t *storage, int min_ms,
                     int max_ms) {
    storage->min = avs_time_duration_from_scalar(min_ms, AVS_TIME_MS);
    storage->max = avs_time_duration_from_scalar(max_ms, AVS_TIME_MS);
    config->dtls_handshake_timeouts = storage;
}

avs_error_t tc_connect(avs_net_socket_t **sock,
                       const avs_net_ssl_configuration_t *config, bool dtls,
                       const char *host, int port) {
    avs_error_t err = dtls ? avs_net_dtls_socket_create(sock, config)
                           : avs_net_ssl_socket_create(sock, config);
    if (avs_is_err(err)) {
        return err;
    }
    char port_str[16];
    snprintf(port_str, sizeof(port_str), "%d", port);
    return avs_net_socket_connect(*sock, host, port_str);
}

avs_error_t tc_set_recv_timeout(avs_net_socket_t *sock, int ms) {
    avs_net_socket_opt_value_t value;
    value.recv_timeout = avs_time_duration_from_scalar(ms, AVS_TIME_MS);
    return avs_net_socket_set_opt(sock, AVS_NET_SOCKET_OPT_RECV_TIMEOUT, value);
}

int64_t tc_now_ms(void) {
    int64_t ms = 0;
    avs_time_monotonic_to_scalar(&ms, AVS_TIME_MS, avs_time_monotonic_now());
    return ms;
}
