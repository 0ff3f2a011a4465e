/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * bench_tls_handshake [SECONDS_PER_MEASUREMENT]
 *
 * Handshakes per second, full and resumed, for PSK-AES128-CCM8 and
 * ECDHE-ECDSA-AES128-CCM8 over DTLS and TLS, through Tern's socket layer and
 * through a plain OpenSSL client loop, against the same OpenSSL server on a
 * thread of this program; then 64-byte round trips per second both ways.
 * The two clients run in many short alternating slices and the ratio is the
 * median of neighbouring slices' ratios, so that load from elsewhere on the
 * machine hits both alike. Also prints the bytes on the wire per
 * handshake (counted by the server) and the client's peak OpenSSL heap for
 * one connection from scratch.
 */
#include "tls_test_server.h"

#include <avsystem/commons/avs_log.h>
#include <avsystem/commons/avs_prng.h>
#include <avsystem/commons/avs_socket.h>
#include <avsystem/commons/avs_time.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/x509v3.h>

/* Alternating slices per figure; the ratio is the median of the ratios of
 * neighbouring slices, which a burst of load elsewhere cannot skew much. */
#define PAIRS 12
#define TARGET_RATIO 0.95

/* ---- heap accounting: OpenSSL allocations made by the client thread ---- */

typedef union {
    struct {
        size_t size;
        int counted;
    } info;
    avs_max_align_t align;
} block_header_t;

static pthread_t g_client_thread;
static size_t g_heap_now;
static size_t g_heap_peak;

static void *counting_malloc(size_t size, const char *file, int line) {
    (void) file;
    (void) line;
    block_header_t *block = (block_header_t *) malloc(sizeof(*block) + size);
    if (!block) {
        return NULL;
    }
    block->info.size = size;
    block->info.counted = pthread_equal(pthread_self(), g_client_thread);
    if (block->info.counted) {
        size_t now = __atomic_add_fetch(&g_heap_now, size, __ATOMIC_RELAXED);
        if (now > g_heap_peak) {
            g_heap_peak = now;
        }
    }
    return block + 1;
}

static void counting_free(void *ptr, const char *file, int line) {
    (void) file;
    (void) line;
    if (!ptr) {
        return;
    }
    block_header_t *block = (block_header_t *) ptr - 1;
    if (block->info.counted) {
        __atomic_sub_fetch(&g_heap_now, block->info.size, __ATOMIC_RELAXED);
    }
    free(block);
}

static void *counting_realloc(void *ptr, size_t size, const char *file,
                              int line) {
    if (!ptr) {
        return counting_malloc(size, file, line);
    }
    void *fresh = counting_malloc(size, file, line);
    if (fresh) {
        block_header_t *old = (block_header_t *) ptr - 1;
        memcpy(fresh, ptr, AVS_MIN(old->info.size, size));
        counting_free(ptr, file, line);
    }
    return fresh;
}

/* ---- clients ---- */

typedef struct {
    bool dtls;
    bool psk;
    bool resumed;
} scenario_t;

static avs_crypto_prng_ctx_t *g_prng;
static unsigned char *g_server_der;
static size_t g_server_der_size;

static double now_s(void) {
    double s = 0;
    s = avs_time_duration_to_fscalar(
            avs_time_monotonic_now().since_monotonic_epoch, AVS_TIME_S);
    return s;
}

static avs_net_ssl_configuration_t tern_config(const scenario_t *scenario,
                                               uint32_t *suite) {
    avs_net_ssl_configuration_t config;
    memset(&config, 0, sizeof(config));
    if (scenario->psk) {
        avs_net_psk_info_t psk;
        memset(&psk, 0, sizeof(psk));
        psk.identity = avs_crypto_psk_identity_info_from_buffer(
                TTS_PSK_IDENTITY, strlen(TTS_PSK_IDENTITY));
        psk.key = avs_crypto_psk_key_info_from_buffer(TTS_PSK_KEY,
                                                      sizeof(TTS_PSK_KEY));
        config.security = avs_net_security_info_from_psk(psk);
        *suite = 0xC0A8;
    } else {
        avs_net_certificate_info_t info;
        memset(&info, 0, sizeof(info));
        info.server_cert_validation = true;
        info.ignore_system_trust_store = true;
        info.trusted_certs = avs_crypto_certificate_chain_info_from_buffer(
                g_server_der, g_server_der_size);
        config.security = avs_net_security_info_from_certificates(info);
        *suite = 0xC0AE;
    }
    config.ciphersuites.ids = suite;
    config.ciphersuites.num_ids = 1;
    config.prng_ctx = g_prng;
    return config;
}

typedef struct {
    const scenario_t *scenario;
    avs_net_socket_t *sock;
    uint32_t suite;
    char port[16];
} tern_client_t;

static bool tern_open(tern_client_t *client, const scenario_t *scenario,
                      int port) {
    memset(client, 0, sizeof(*client));
    client->scenario = scenario;
    snprintf(client->port, sizeof(client->port), "%d", port);
    avs_net_ssl_configuration_t config = tern_config(scenario, &client->suite);
    avs_error_t err =
            scenario->dtls ? avs_net_dtls_socket_create(&client->sock, &config)
                           : avs_net_ssl_socket_create(&client->sock, &config);
    return avs_is_ok(err);
}

static bool tern_handshake(tern_client_t *client) {
    if (avs_is_err(avs_net_socket_connect(client->sock, "127.0.0.1",
                                          client->port))) {
        return false;
    }
    avs_net_socket_close(client->sock);
    return true;
}

static void tern_close(tern_client_t *client) {
    avs_net_socket_cleanup(&client->sock);
}

typedef struct {
    const scenario_t *scenario;
    SSL_CTX *ctx;
    SSL_SESSION *session;
    struct sockaddr_in addr;
    SSL *ssl;
    int fd;
} raw_client_t;

static unsigned int raw_psk_callback(SSL *ssl, const char *hint, char *identity,
                                     unsigned int max_identity_len,
                                     unsigned char *psk,
                                     unsigned int max_psk_len) {
    (void) ssl;
    (void) hint;
    if (max_identity_len <= strlen(TTS_PSK_IDENTITY) ||
        max_psk_len < sizeof(TTS_PSK_KEY)) {
        return 0;
    }
    strcpy(identity, TTS_PSK_IDENTITY);
    memcpy(psk, TTS_PSK_KEY, sizeof(TTS_PSK_KEY));
    return sizeof(TTS_PSK_KEY);
}

/* The same settings Tern's layer makes, written directly. */
static bool raw_open(raw_client_t *client, const scenario_t *scenario,
                     int port) {
    memset(client, 0, sizeof(*client));
    client->scenario = scenario;
    client->fd = -1;
    client->addr.sin_family = AF_INET;
    client->addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    client->addr.sin_port = htons((uint16_t) port);
    client->ctx = SSL_CTX_new(scenario->dtls ? DTLS_client_method()
                                             : TLS_client_method());
    if (!client->ctx) {
        return false;
    }
    SSL_CTX_set_min_proto_version(client->ctx, scenario->dtls ? DTLS1_2_VERSION
                                                              : TLS1_2_VERSION);
    if (!scenario->dtls) {
        SSL_CTX_set_max_proto_version(client->ctx, TLS1_2_VERSION);
    }
    SSL_CTX_set_options(client->ctx,
                        SSL_OP_NO_COMPRESSION | SSL_OP_NO_RENEGOTIATION);
    SSL_CTX_set_verify(client->ctx, SSL_VERIFY_PEER, NULL);
    if (scenario->psk) {
        SSL_CTX_set_psk_client_callback(client->ctx, raw_psk_callback);
        return SSL_CTX_set_cipher_list(client->ctx, "PSK-AES128-CCM8");
    }
    const unsigned char *p = g_server_der;
    X509 *anchor = d2i_X509(NULL, &p, (long) g_server_der_size);
    bool ok =
            anchor &&
            X509_STORE_add_cert(SSL_CTX_get_cert_store(client->ctx), anchor) &&
            SSL_CTX_set_cipher_list(client->ctx, "ECDHE-ECDSA-AES128-CCM8");
    X509_free(anchor);
    return ok;
}

static bool raw_connect(raw_client_t *client) {
    client->fd = socket(AF_INET,
                        client->scenario->dtls ? SOCK_DGRAM : SOCK_STREAM, 0);
    if (client->fd < 0 || connect(client->fd, (struct sockaddr *) &client->addr,
                                  sizeof(client->addr))) {
        return false;
    }
    client->ssl = SSL_new(client->ctx);
    if (!client->ssl) {
        return false;
    }
    if (client->scenario->dtls) {
        BIO *bio = BIO_new_dgram(client->fd, BIO_NOCLOSE);
        if (!bio) {
            return false;
        }
        BIO_ctrl(bio, BIO_CTRL_DGRAM_SET_CONNECTED, 0, &client->addr);
        SSL_set_bio(client->ssl, bio, bio);
    } else {
        SSL_set_fd(client->ssl, client->fd);
    }
    if (!client->scenario->psk) {
        X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(client->ssl), "127.0.0.1");
    }
    if (client->scenario->resumed && client->session) {
        SSL_set_session(client->ssl, client->session);
    }
    if (SSL_connect(client->ssl) != 1) {
        return false;
    }
    if (client->scenario->resumed && !SSL_session_reused(client->ssl)) {
        SSL_SESSION_free(client->session);
        client->session = SSL_get1_session(client->ssl);
    }
    return true;
}

static void raw_disconnect(raw_client_t *client) {
    if (client->ssl) {
        SSL_shutdown(client->ssl);
        SSL_free(client->ssl);
        client->ssl = NULL;
    }
    if (client->fd >= 0) {
        close(client->fd);
        client->fd = -1;
    }
    ERR_clear_error();
}

static bool raw_handshake(raw_client_t *client) {
    bool ok = raw_connect(client);
    raw_disconnect(client);
    return ok;
}

static void raw_close(raw_client_t *client) {
    raw_disconnect(client);
    SSL_SESSION_free(client->session);
    SSL_CTX_free(client->ctx);
}

/* ---- measurements ---- */

typedef struct {
    double tern_rate;
    double raw_rate;
    double ratio;
    double tern_wire;
    double raw_wire;
} result_t;

static int compare_doubles(const void *a, const void *b) {
    double x = *(const double *) a, y = *(const double *) b;
    return x < y ? -1 : x > y;
}

static double median(double *values, size_t count) {
    qsort(values, count, sizeof(*values), compare_doubles);
    return count % 2 ? values[count / 2]
                     : (values[count / 2 - 1] + values[count / 2]) / 2;
}

static tts_server_t g_server;

static bool server_for(const scenario_t *scenario) {
    tts_config_t config;
    memset(&config, 0, sizeof(config));
    config.dtls = scenario->dtls;
    config.ciphers =
            scenario->psk ? "PSK-AES128-CCM8" : "ECDHE-ECDSA-AES128-CCM8";
    config.with_certificate = !scenario->psk;
    config.session_cache = scenario->resumed;
    if (!tts_start(&g_server, &config)) {
        return false;
    }
    OPENSSL_free(g_server_der);
    g_server_der_size = tts_cert_der(&g_server, &g_server_der);
    return true;
}

/* Waits until the server has finished the connections handed to it, so that
 * its counters are complete. */
static void settle(uint64_t expected) {
    for (int i = 0; i < 200 && g_server.connections < expected; ++i) {
        struct timespec ms = {0, 1000000L};
        nanosleep(&ms, NULL);
    }
}

static bool measure_handshakes(const scenario_t *scenario, double seconds,
                               result_t *result) {
    if (!server_for(scenario)) {
        return false;
    }
    tern_client_t tern;
    raw_client_t raw;
    bool ok = tern_open(&tern, scenario, g_server.port) &&
              raw_open(&raw, scenario, g_server.port);
    /* One of each first: resumed runs need a session to resume. */
    ok = ok && tern_handshake(&tern) && raw_handshake(&raw);
    uint64_t served = 2;
    double time[2] = {0, 0}, rates[2][PAIRS];
    uint64_t count[2] = {0, 0}, bytes[2] = {0, 0};
    for (int slice = 0; ok && slice < 2 * PAIRS; ++slice) {
        int who = slice % 2;
        settle(served);
        uint64_t bytes_before = g_server.handshake_bytes;
        double start = now_s(), end = start + seconds / (2 * PAIRS);
        double now = start;
        uint64_t done = 0;
        while (ok && now < end) {
            ok = who == 0 ? tern_handshake(&tern) : raw_handshake(&raw);
            ++done;
            now = now_s();
        }
        served += done;
        settle(served);
        time[who] += now - start;
        count[who] += done;
        bytes[who] += g_server.handshake_bytes - bytes_before;
        rates[who][slice / 2] = (double) done / (now - start);
    }
    if (ok) {
        double ratios[PAIRS];
        for (int i = 0; i < PAIRS; ++i) {
            ratios[i] = rates[0][i] / rates[1][i];
        }
        result->ratio = median(ratios, PAIRS);
        result->tern_rate = (double) count[0] / time[0];
        result->raw_rate = (double) count[1] / time[1];
        result->tern_wire = (double) bytes[0] / (double) count[0];
        result->raw_wire = (double) bytes[1] / (double) count[1];
    }
    tern_close(&tern);
    raw_close(&raw);
    tts_stop(&g_server);
    return ok;
}

static bool tern_round_trip(tern_client_t *tern, unsigned char *out,
                            unsigned char *in, size_t size) {
    if (avs_is_err(avs_net_socket_send(tern->sock, out, size))) {
        return false;
    }
    size_t got = 0;
    while (got < size) {
        size_t n = 0;
        if (avs_is_err(avs_net_socket_receive(tern->sock, &n, in + got,
                                              size - got))) {
            return false;
        }
        got += n;
    }
    return true;
}

static bool raw_round_trip(raw_client_t *raw, unsigned char *out,
                           unsigned char *in, size_t size) {
    if (SSL_write(raw->ssl, out, (int) size) != (int) size) {
        return false;
    }
    int got = 0;
    while (got < (int) size) {
        int n = SSL_read(raw->ssl, in + got, (int) size - got);
        if (n <= 0) {
            return false;
        }
        got += n;
    }
    return true;
}

static bool measure_round_trips(const scenario_t *scenario, double seconds,
                                result_t *result) {
    if (!server_for(scenario)) {
        return false;
    }
    tern_client_t tern;
    raw_client_t raw;
    bool ok = tern_open(&tern, scenario, g_server.port) &&
              raw_open(&raw, scenario, g_server.port);
    unsigned char out[64], in[64];
    memset(out, 'r', sizeof(out));
    double time[2] = {0, 0}, rates[2][PAIRS];
    uint64_t count[2] = {0, 0};
    for (int slice = 0; ok && slice < 2 * PAIRS; ++slice) {
        int who = slice % 2;
        /* The server serves one client at a time: the other one waits
         * closed, and connecting is not part of the figure. */
        if (who == 0) {
            raw_disconnect(&raw);
            ok = avs_is_ok(
                    avs_net_socket_connect(tern.sock, "127.0.0.1", tern.port));
        } else {
            avs_net_socket_close(tern.sock);
            ok = raw_connect(&raw);
        }
        double start = now_s(), end = start + seconds / (2 * PAIRS);
        double now = start;
        uint64_t done = 0;
        while (ok && now < end) {
            ok = who == 0 ? tern_round_trip(&tern, out, in, sizeof(out))
                          : raw_round_trip(&raw, out, in, sizeof(out));
            ++done;
            now = now_s();
        }
        time[who] += now - start;
        count[who] += done;
        rates[who][slice / 2] = (double) done / (now - start);
    }
    if (ok) {
        double ratios[PAIRS];
        for (int i = 0; i < PAIRS; ++i) {
            ratios[i] = rates[0][i] / rates[1][i];
        }
        result->ratio = median(ratios, PAIRS);
        result->tern_rate = (double) count[0] / time[0];
        result->raw_rate = (double) count[1] / time[1];
    }
    tern_close(&tern);
    raw_close(&raw);
    tts_stop(&g_server);
    return ok;
}

/* The client's peak OpenSSL heap for one connection from nothing: context,
 * handshake, one round trip, teardown. */
static bool measure_heap(const scenario_t *scenario, size_t *tern_peak,
                         size_t *raw_peak) {
    if (!server_for(scenario)) {
        return false;
    }
    unsigned char buf[64];
    memset(buf, 'h', sizeof(buf));
    size_t n = 0;
    size_t base = g_heap_now;
    g_heap_peak = base;
    tern_client_t tern;
    bool ok =
            tern_open(&tern, scenario, g_server.port) &&
            avs_is_ok(avs_net_socket_connect(tern.sock, "127.0.0.1",
                                             tern.port)) &&
            avs_is_ok(avs_net_socket_send(tern.sock, buf, sizeof(buf))) &&
            avs_is_ok(avs_net_socket_receive(tern.sock, &n, buf, sizeof(buf)));
    tern_close(&tern);
    *tern_peak = g_heap_peak - base;
    base = g_heap_now;
    g_heap_peak = base;
    raw_client_t raw;
    ok = ok && raw_open(&raw, scenario, g_server.port) && raw_connect(&raw) &&
         SSL_write(raw.ssl, buf, sizeof(buf)) == sizeof(buf) &&
         SSL_read(raw.ssl, buf, sizeof(buf)) > 0;
    raw_close(&raw);
    *raw_peak = g_heap_peak - base;
    tts_stop(&g_server);
    return ok;
}

static const char *describe(const scenario_t *scenario) {
    static char buf[64];
    snprintf(buf, sizeof(buf), "%s %s", scenario->dtls ? "DTLS" : "TLS ",
             scenario->psk ? "PSK-AES128-CCM8        "
                           : "ECDHE-ECDSA-AES128-CCM8");
    return buf;
}

int main(int argc, char **argv) {
    g_client_thread = pthread_self();
    /* Before anything makes OpenSSL allocate. */
    if (!CRYPTO_set_mem_functions(counting_malloc, counting_realloc,
                                  counting_free)) {
        fprintf(stderr, "cannot install the counting allocator\n");
        return 1;
    }
    double seconds = argc > 1 ? atof(argv[1]) : 2.0;
    if (seconds <= 0) {
        seconds = 2.0;
    }
    avs_log_set_default_level(AVS_LOG_QUIET);
    g_prng = avs_crypto_prng_new(NULL, NULL);
    if (!g_prng) {
        return 1;
    }
    printf("%s; server on a thread of this process, loopback; %.1f s per "
           "figure\n",
           OpenSSL_version(OPENSSL_VERSION), seconds);
    printf("%-40s %9s %9s %6s %12s\n", "handshakes per second", "Tern/s",
           "raw/s", "ratio", "wire B/hs");
    int status = 0;
    int below_target = 0;
    for (int i = 0; i < 8; ++i) {
        scenario_t scenario = {(i & 4) == 0, (i & 2) == 0, (i & 1) != 0};
        result_t result;
        if (!measure_handshakes(&scenario, seconds, &result)) {
            printf("%s %s: FAILED\n", describe(&scenario),
                   scenario.resumed ? "resumed" : "full   ");
            status = 1;
            continue;
        }
        double ratio = result.ratio;
        below_target += ratio < TARGET_RATIO;
        printf("%s %s %9.0f %9.0f %6.2f %5.0f/%-6.0f%s\n", describe(&scenario),
               scenario.resumed ? "resumed" : "full   ", result.tern_rate,
               result.raw_rate, ratio, result.tern_wire, result.raw_wire,
               ratio < TARGET_RATIO ? " below target" : "");
    }
    printf("%-40s %9s %9s %6s\n", "64-byte round trips per second", "Tern/s",
           "raw/s", "ratio");
    for (int i = 0; i < 2; ++i) {
        scenario_t scenario = {i == 0, true, false};
        result_t result;
        if (!measure_round_trips(&scenario, seconds, &result)) {
            printf("%s: FAILED\n", describe(&scenario));
            status = 1;
            continue;
        }
        double ratio = result.ratio;
        below_target += ratio < TARGET_RATIO;
        printf("%s         %9.0f %9.0f %6.2f%s\n", describe(&scenario),
               result.tern_rate, result.raw_rate, ratio,
               ratio < TARGET_RATIO ? " below target" : "");
    }
    printf("peak client OpenSSL heap, one connection from scratch:\n");
    for (int i = 0; i < 4; ++i) {
        scenario_t scenario = {(i & 2) == 0, (i & 1) == 0, false};
        size_t tern_peak = 0, raw_peak = 0;
        if (!measure_heap(&scenario, &tern_peak, &raw_peak)) {
            printf("%s: FAILED\n", describe(&scenario));
            status = 1;
            continue;
        }
        printf("%s          Tern %6.1f KiB   raw %6.1f KiB\n",
               describe(&scenario), tern_peak / 1024.0, raw_peak / 1024.0);
    }
    if (below_target) {
        printf("%d figure(s) below the %.2f target\n", below_target,
               TARGET_RATIO);
    }
    OPENSSL_free(g_server_der);
    avs_crypto_prng_free(&g_prng);
    return status;
}
