/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * TCP framing and reassembly: the input is a byte stream (after two bytes
 * that seed the split points) fed to a context once in one piece and once
 * cut into arbitrary chunks. Both runs must send exactly the same bytes
 * back: where the stream is cut cannot matter.
 */

#include <stdlib.h>
#include <string.h>

#include <avsystem/commons/avs_log.h>
#include <tern/coap.h>

#include "../tests/coap/coap_test_socket.c"

static int zero_entropy(unsigned char *out, size_t size, void *arg) {
    (void) arg;
    memset(out, 0, size);
    return 0;
}

static void serve(tern_coap_ctx_t *ctx, tern_coap_incoming_t *request,
                  const tern_coap_msg_t *msg, void *arg) {
    (void) ctx;
    (void) arg;
    static uint8_t big[2000];
    tern_coap_msg_t response;
    memset(&response, 0, sizeof(response));
    response.code = TERN_COAP_CODE_CONTENT;
    response.payload = big;
    response.payload_size = msg->payload_size % 2 ? sizeof(big) : 1;
    uint32_t observe;
    tern_coap_id_t id;
    if (!tern_coap_msg_get_uint(msg, TERN_COAP_OPT_OBSERVE, &observe)) {
        tern_coap_observe_accept(request, NULL, NULL, &id);
    }
    tern_coap_respond(request, &response);
}

/* Feeds @p data in chunks and returns everything the context sent. */
static size_t run(const uint8_t *data, size_t size, uint32_t seed, uint8_t *out,
                  size_t cap) {
    avs_sched_t *sched = avs_sched_new("fuzz", NULL);
    avs_crypto_prng_ctx_t *prng = avs_crypto_prng_new(zero_entropy, NULL);
    avs_net_socket_t *socket = test_socket_new(true);
    tern_coap_config_t config = {.transport = TERN_COAP_TRANSPORT_TCP,
                                 .sched = sched,
                                 .prng = prng,
                                 .in_buffer_size = 600,
                                 .out_buffer_size = 600,
                                 .max_reassembly_size = 4096,
                                 .request_handler = serve};
    tern_coap_ctx_t *ctx = tern_coap_ctx_new(socket, &config);
    uint8_t ping[1] = {0};
    tern_coap_msg_t request;
    memset(&request, 0, sizeof(request));
    request.code = TERN_COAP_CODE_GET;
    request.payload = ping;
    request.payload_size = 1;
    tern_coap_send_request(ctx, &request, NULL, NULL, NULL);
    size_t offset = 0;
    uint32_t x = seed;
    while (offset < size && ctx) {
        size_t chunk = size - offset;
        if (seed) {
            x = x * 1103515245u + 12345u;
            size_t limit = 1 + (x >> 16) % 64;
            chunk = chunk < limit ? chunk : limit;
        }
        test_socket_inject(socket, data + offset, chunk);
        offset += chunk;
        if (avs_is_err(tern_coap_handle_incoming(ctx))) {
            break;
        }
    }
    /* Drain what a full buffer left behind. */
    for (int i = 0; i < 8 && ctx; ++i) {
        tern_coap_handle_incoming(ctx);
    }
    tern_coap_ctx_delete(&ctx);
    size_t total = 0;
    size_t n;
    uint8_t buf[700];
    while ((n = test_socket_pop_sent(socket, buf, sizeof(buf)))) {
        if (total + n <= cap) {
            memcpy(out + total, buf, n);
        }
        total += n;
    }
    avs_net_socket_cleanup(&socket);
    avs_sched_cleanup(&sched);
    avs_crypto_prng_free(&prng);
    return total;
}

static uint8_t g_whole[1 << 20];
static uint8_t g_split[1 << 20];

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    static bool quiet;
    if (!quiet) {
        avs_log_set_default_level(AVS_LOG_QUIET);
        quiet = true;
    }
    if (size < 2) {
        return 0;
    }
    uint32_t seed = (uint32_t) ((data[0] << 8) | data[1]) | 1u;
    data += 2;
    size -= 2;
    size_t whole = run(data, size, 0, g_whole, sizeof(g_whole));
    size_t split = run(data, size, seed, g_split, sizeof(g_split));
    if (whole != split ||
        memcmp(g_whole, g_split,
               whole < sizeof(g_whole) ? whole : sizeof(g_whole))) {
        abort();
    }
    return 0;
}
