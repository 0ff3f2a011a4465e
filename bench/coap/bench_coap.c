/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * CoAP engine figures, each bounded in time (about a minute in all):
 *
 * 1. Codec: encodes and decodes per second of a typical LwM2M Read
 *    (CON GET /3/0/0, Accept TLV, 8-byte token) and its response
 *    (ACK 2.05, Content-Format TLV, 24-byte payload).
 * 2. Confirmable round trips per second over loopback UDP against
 *    coap-server-notls: Tern fetching a resource in 64-byte blocks, one
 *    confirmable request per block, beside coap-client-notls fetching the
 *    same resource the same way, in the same run; the ratio compares them.
 *    Plus plain sequential GETs by Tern.
 * 3. Peak heap per exchange: malloc is wrapped to track bytes in use; the
 *    largest rise during one request/response exchange is reported.
 */

#include <malloc.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <avsystem/commons/avs_log.h>
#include <tern/coap.h>

#include "coap_test_peer.h"

/* ---- heap accounting ---------------------------------------------------- */

extern void *__libc_malloc(size_t size);
extern void *__libc_calloc(size_t nmemb, size_t size);
extern void *__libc_realloc(void *ptr, size_t size);
extern void __libc_free(void *ptr);

static size_t g_in_use;
static size_t g_peak;

static void account_add(void *ptr) {
    if (ptr) {
        g_in_use += malloc_usable_size(ptr);
        if (g_in_use > g_peak) {
            g_peak = g_in_use;
        }
    }
}

void *malloc(size_t size) {
    void *ptr = __libc_malloc(size);
    account_add(ptr);
    return ptr;
}

void *calloc(size_t nmemb, size_t size) {
    void *ptr = __libc_calloc(nmemb, size);
    account_add(ptr);
    return ptr;
}

void *realloc(void *ptr, size_t size) {
    size_t old = ptr ? malloc_usable_size(ptr) : 0;
    void *result = __libc_realloc(ptr, size);
    if (result || !size) {
        g_in_use -= old;
        account_add(result);
    }
    return result;
}

void free(void *ptr) {
    if (ptr) {
        g_in_use -= malloc_usable_size(ptr);
    }
    __libc_free(ptr);
}

/* ---- common ------------------------------------------------------------- */

static double now_s(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double) ts.tv_sec + (double) ts.tv_nsec / 1e9;
}

typedef struct {
    int done;
    int blocks;
    size_t bytes;
    tern_coap_result_t result;
} fetch_t;

static void on_response(tern_coap_ctx_t *ctx, tern_coap_id_t id,
                        tern_coap_result_t result,
                        const tern_coap_msg_t *response, void *arg) {
    (void) ctx;
    (void) id;
    fetch_t *f = (fetch_t *) arg;
    ++f->blocks;
    if (response) {
        f->bytes += response->payload_size;
    }
    if (result != TERN_COAP_RESULT_PARTIAL) {
        f->result = result;
        f->done = 1;
    }
}

/* Waits for the socket and handles what arrives, until done. */
static bool drive(tern_coap_ctx_t *ctx, avs_sched_t *sched, const int *done,
                  double timeout_s) {
    const int *fd =
            (const int *) avs_net_socket_get_system(tern_coap_ctx_socket(ctx));
    double end = now_s() + timeout_s;
    while (!*done) {
        if (now_s() > end) {
            return false;
        }
        struct pollfd p = {.fd = *fd, .events = POLLIN};
        if (poll(&p, 1, 5) > 0) {
            tern_coap_handle_incoming(ctx);
        }
        avs_sched_run(sched);
    }
    return true;
}

static int get(tern_coap_ctx_t *ctx, const char *path, int block_szx,
               fetch_t *f) {
    uint8_t opts_buf[32];
    tern_coap_opts_t opts;
    tern_coap_opts_init(&opts, opts_buf, sizeof(opts_buf));
    tern_coap_opts_add_path(&opts, path);
    if (block_szx >= 0) {
        tern_coap_block_t block = {0, false, (uint8_t) block_szx};
        tern_coap_opts_add_block(&opts, TERN_COAP_OPT_BLOCK2, &block);
    }
    tern_coap_msg_t req;
    memset(&req, 0, sizeof(req));
    req.code = TERN_COAP_CODE_GET;
    tern_coap_msg_set_opts(&req, &opts);
    memset(f, 0, sizeof(*f));
    return tern_coap_send_request(ctx, &req, on_response, f, NULL);
}

/* ---- 1. codec ----------------------------------------------------------- */

static void bench_codec(void) {
    static const uint8_t TLV[24] = {0xC8, 0x00, 0x14, 'O', 'p', 'e', 'n', ' ',
                                    'M',  'o',  'b',  'i', 'l', 'e', ' ', 'A',
                                    'l',  'l',  'i',  'a', 'n', 'c', 'e', '!'};
    uint8_t wire[256];
    uint8_t opts_buf[64];
    tern_coap_token_t token = {8, {1, 2, 3, 4, 5, 6, 7, 8}};
    unsigned long count = 0;
    volatile size_t sink = 0;
    double start = now_s();
    double elapsed = 0;
    while ((elapsed = now_s() - start) < 3.0) {
        for (int i = 0; i < 1000; ++i) {
            tern_coap_opts_t opts;
            tern_coap_opts_init(&opts, opts_buf, sizeof(opts_buf));
            tern_coap_opts_add_path(&opts, "/3/0/0");
            tern_coap_opts_add_uint(&opts, TERN_COAP_OPT_ACCEPT,
                                    TERN_COAP_FORMAT_LWM2M_TLV);
            tern_coap_msg_t req = {.type = TERN_COAP_TYPE_CON,
                                   .code = TERN_COAP_CODE_GET,
                                   .msg_id = (uint16_t) i,
                                   .token = token};
            tern_coap_msg_set_opts(&req, &opts);
            size_t size;
            tern_coap_udp_serialize(&req, wire, sizeof(wire), &size);
            tern_coap_msg_t parsed;
            tern_coap_udp_parse(&parsed, wire, size, NULL);
            char seg[8];
            tern_coap_opt_iter_t it = tern_coap_opt_iter(&parsed);
            while (tern_coap_opt_next(&it)) {
                if (it.number == TERN_COAP_OPT_URI_PATH) {
                    tern_coap_opt_string(&it, seg, sizeof(seg));
                }
            }
            uint16_t accept;
            tern_coap_msg_get_format(&parsed, TERN_COAP_OPT_ACCEPT, &accept);

            tern_coap_opts_init(&opts, opts_buf, sizeof(opts_buf));
            tern_coap_opts_add_uint(&opts, TERN_COAP_OPT_CONTENT_FORMAT,
                                    TERN_COAP_FORMAT_LWM2M_TLV);
            tern_coap_msg_t resp = {.type = TERN_COAP_TYPE_ACK,
                                    .code = TERN_COAP_CODE_CONTENT,
                                    .msg_id = (uint16_t) i,
                                    .token = token,
                                    .payload = TLV,
                                    .payload_size = sizeof(TLV)};
            tern_coap_msg_set_opts(&resp, &opts);
            tern_coap_udp_serialize(&resp, wire, sizeof(wire), &size);
            tern_coap_udp_parse(&parsed, wire, size, NULL);
            tern_coap_msg_get_format(&parsed, TERN_COAP_OPT_CONTENT_FORMAT,
                                     &accept);
            sink += parsed.payload_size + accept;
        }
        count += 1000;
    }
    (void) sink;
    printf("codec: %.0f LwM2M Read request+response encode/decode pairs per "
           "second\n",
           (double) count / elapsed);
}

/* ---- 2. and 3. round trips ---------------------------------------------- */

static int run_coap_client(const char *url, double *out_seconds) {
    const char *argv[] = {"coap-client-notls", "-m", "get", "-b", "64", "-o",
                          "/dev/null",         url,  NULL};
    double start = now_s();
    pid_t pid = peer_spawn(60, argv, NULL);
    if (pid <= 0) {
        return -1;
    }
    int status = 0;
    while (!peer_exited(pid, &status)) {
        poll(NULL, 0, 1);
    }
    *out_seconds = now_s() - start;
    return 0;
}

static void bench_round_trips(void) {
    if (!peer_available("coap-server-notls") ||
        !peer_available("coap-client-notls")) {
        printf("round trips: SKIPPED (libcoap tools not installed)\n");
        return;
    }
    int port = peer_free_port(false);
    char port_str[16];
    snprintf(port_str, sizeof(port_str), "%d", port);
    const char *argv[] = {"coap-server-notls",
                          "-A",
                          "127.0.0.1",
                          "-p",
                          port_str,
                          "-v",
                          "0",
                          NULL};
    pid_t server = peer_spawn(120, argv, NULL);
    for (int i = 0; i < 150; ++i) {
        avs_net_socket_t *probe = peer_tcp_socket(port);
        if (probe) {
            avs_net_socket_cleanup(&probe);
            break;
        }
        poll(NULL, 0, 20);
    }
    avs_sched_t *sched = avs_sched_new("bench", NULL);
    avs_crypto_prng_ctx_t *prng = avs_crypto_prng_new(NULL, NULL);
    avs_net_socket_t *socket = peer_udp_socket(0, port);
    tern_coap_config_t config = {.transport = TERN_COAP_TRANSPORT_UDP,
                                 .sched = sched,
                                 .prng = prng,
                                 .in_buffer_size = 1200,
                                 .out_buffer_size = 1200,
                                 .msg_cache_size = 4096};
    size_t before_ctx = g_in_use;
    tern_coap_ctx_t *ctx = socket ? tern_coap_ctx_new(socket, &config) : NULL;
    size_t ctx_bytes = g_in_use - before_ctx;
    if (!ctx) {
        printf("round trips: cannot connect to coap-server-notls\n");
        goto done;
    }

    /* Fill /example_data with 256 kB to fetch in 64-byte blocks. */
    static uint8_t data[256 * 1024];
    memset(data, 'd', sizeof(data));
    uint8_t opts_buf[32];
    tern_coap_opts_t opts;
    tern_coap_opts_init(&opts, opts_buf, sizeof(opts_buf));
    tern_coap_opts_add_path(&opts, "example_data");
    tern_coap_msg_t put;
    memset(&put, 0, sizeof(put));
    put.code = TERN_COAP_CODE_PUT;
    tern_coap_msg_set_opts(&put, &opts);
    put.payload = data;
    put.payload_size = sizeof(data);
    fetch_t f = {0};
    if (tern_coap_send_request(ctx, &put, on_response, &f, NULL) ||
        !drive(ctx, sched, &f.done, 30)) {
        printf("round trips: upload failed\n");
        goto done;
    }

    /* Warm up both, then measure: Tern, coap-client, Tern again. */
    double tern_rate = 0;
    double client_rate = 0;
    char url[96];
    snprintf(url, sizeof(url), "coap://127.0.0.1:%d/example_data", port);
    for (int round = 0; round < 2; ++round) {
        double start = now_s();
        if (get(ctx, "example_data", 2, &f) ||
            !drive(ctx, sched, &f.done, 30) ||
            f.result != TERN_COAP_RESULT_OK || f.bytes != sizeof(data)) {
            printf("round trips: Tern fetch failed\n");
            goto done;
        }
        double rate = f.blocks / (now_s() - start);
        tern_rate = rate > tern_rate ? rate : tern_rate;
        double seconds;
        if (run_coap_client(url, &seconds)) {
            printf("round trips: cannot run coap-client-notls\n");
            goto done;
        }
        rate = (double) (sizeof(data) / 64) / seconds;
        client_rate = rate > client_rate ? rate : client_rate;
    }
    printf("round trips (64-byte blocks of 256 kB, one CON GET each): "
           "Tern %.0f/s, coap-client-notls %.0f/s (process start "
           "included), ratio %.2f\n",
           tern_rate, client_rate, tern_rate / client_rate);

    /* Plain sequential GETs of a small resource, with heap accounting. */
    size_t worst_rise = 0;
    unsigned long count = 0;
    double start = now_s();
    while (now_s() - start < 5.0) {
        size_t baseline = g_in_use;
        g_peak = g_in_use;
        if (get(ctx, "/", -1, &f) || !drive(ctx, sched, &f.done, 10) ||
            f.result != TERN_COAP_RESULT_OK) {
            printf("round trips: GET failed\n");
            goto done;
        }
        if (g_peak - baseline > worst_rise) {
            worst_rise = g_peak - baseline;
        }
        ++count;
    }
    printf("round trips (sequential CON GET /, %u-byte response): Tern "
           "%.0f/s\n",
           (unsigned) f.bytes, (double) count / (now_s() - start));
    printf("heap: at most %u bytes allocated during one exchange; the "
           "context (1200-byte buffers, 4096-byte cache) holds %u bytes\n",
           (unsigned) worst_rise, (unsigned) ctx_bytes);
done:
    tern_coap_ctx_delete(&ctx);
    avs_net_socket_cleanup(&socket);
    avs_sched_cleanup(&sched);
    avs_crypto_prng_free(&prng);
    peer_kill(server);
}

int main(void) {
    avs_log_set_default_level(AVS_LOG_ERROR);
    avs_log_set_level(net, AVS_LOG_QUIET);
    bench_codec();
    bench_round_trips();
    return 0;
}
