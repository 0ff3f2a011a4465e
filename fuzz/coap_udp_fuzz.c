/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * The UDP receive path, through an in-memory socket layer: a context with a
 * request of its own in flight and a request handler that answers, defers
 * or accepts observations receives a sequence of datagrams.
 *
 * Input: records of [flags][len hi][len lo][len bytes]. Flag bit 0 patches
 * the message ID, bit 1 the token (when 8 bytes long) with those of the
 * last datagram the context sent, so that responses can match; bit 2 runs
 * the API between datagrams (notify, respond to the deferred request, send
 * or cancel a request). The PRNG is seeded with zeros, so runs repeat.
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

typedef struct {
    tern_coap_id_t deferred;
    tern_coap_id_t observation;
    uint8_t mode;
} state_t;

static void on_response(tern_coap_ctx_t *ctx, tern_coap_id_t id,
                        tern_coap_result_t result,
                        const tern_coap_msg_t *response, void *arg) {
    (void) ctx;
    (void) id;
    (void) result;
    (void) arg;
    if (response && response->payload_size) {
        /* touch the payload: it must be readable */
        volatile uint8_t sink = response->payload[response->payload_size - 1];
        (void) sink;
    }
}

static void serve(tern_coap_ctx_t *ctx, tern_coap_incoming_t *request,
                  const tern_coap_msg_t *msg, void *arg) {
    (void) ctx;
    state_t *state = (state_t *) arg;
    static uint8_t big[3000];
    uint8_t selector = msg->payload_size ? msg->payload[0] : state->mode++;
    if (selector % 5 == 1 && !state->deferred) {
        tern_coap_defer(request, &state->deferred);
        return;
    }
    if (selector % 5 == 2) {
        tern_coap_observe_accept(request, NULL, NULL, &state->observation);
    }
    tern_coap_msg_t response;
    memset(&response, 0, sizeof(response));
    response.code = selector % 5 == 3 ? TERN_COAP_CODE_NOT_FOUND
                                      : TERN_COAP_CODE_CONTENT;
    response.payload = big;
    response.payload_size = selector % 5 == 4 ? sizeof(big) : 3;
    tern_coap_respond(request, &response);
}

static void send_request(tern_coap_ctx_t *ctx, size_t payload_size) {
    static uint8_t payload[2500];
    uint8_t opts_buf[16];
    tern_coap_opts_t opts;
    tern_coap_opts_init(&opts, opts_buf, sizeof(opts_buf));
    tern_coap_opts_add_path(&opts, "rd");
    tern_coap_msg_t req;
    memset(&req, 0, sizeof(req));
    req.code = TERN_COAP_CODE_POST;
    tern_coap_msg_set_opts(&req, &opts);
    req.payload = payload;
    req.payload_size = payload_size;
    tern_coap_send_request(ctx, &req, on_response, NULL, NULL);
}

static void run_api(tern_coap_ctx_t *ctx, state_t *state, uint8_t op) {
    tern_coap_msg_t msg;
    memset(&msg, 0, sizeof(msg));
    msg.code = TERN_COAP_CODE_CONTENT;
    msg.payload = (const uint8_t *) "notification";
    msg.payload_size = 12;
    switch (op % 4) {
        case 0:
            tern_coap_notify(ctx, state->observation, &msg, op & 4);
            break;
        case 1:
            tern_coap_respond_deferred(ctx, state->deferred, &msg);
            state->deferred = 0;
            break;
        case 2:
            send_request(ctx, (op & 8) ? 2500 : 4);
            break;
        default:
            tern_coap_cancel(ctx, (tern_coap_id_t) (op >> 2));
            break;
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    static bool quiet;
    if (!quiet) {
        avs_log_set_default_level(AVS_LOG_QUIET);
        quiet = true;
    }
    avs_sched_t *sched = avs_sched_new("fuzz", NULL);
    avs_crypto_prng_ctx_t *prng = avs_crypto_prng_new(zero_entropy, NULL);
    avs_net_socket_t *socket = test_socket_new(false);
    test_socket_set_mtu(socket, 1152);
    state_t state = {0};
    tern_coap_config_t config = {.transport = TERN_COAP_TRANSPORT_UDP,
                                 .sched = sched,
                                 .prng = prng,
                                 .in_buffer_size = 1024,
                                 .out_buffer_size = 1024,
                                 .msg_cache_size = 2048,
                                 .max_reassembly_size = 8192,
                                 .request_handler = serve,
                                 .request_handler_arg = &state};
    tern_coap_ctx_t *ctx = tern_coap_ctx_new(socket, &config);
    send_request(ctx, 2500);
    uint8_t last[1100];
    size_t last_size = 0;
    while (size >= 3 && ctx) {
        uint8_t flags = data[0];
        size_t len = ((size_t) data[1] << 8) | data[2];
        data += 3;
        size -= 3;
        if (len > size) {
            len = size;
        }
        uint8_t datagram[2048];
        size_t n = len < sizeof(datagram) ? len : sizeof(datagram);
        memcpy(datagram, data, n);
        data += len;
        size -= len;
        /* Remember the newest datagram we sent, to patch from. */
        size_t popped;
        uint8_t sent[1100];
        while ((popped = test_socket_pop_sent(socket, sent, sizeof(sent)))) {
            memcpy(last, sent, popped);
            last_size = popped;
        }
        if ((flags & 1) && n >= 4 && last_size >= 4) {
            datagram[2] = last[2];
            datagram[3] = last[3];
        }
        if ((flags & 2) && n >= 12 && (datagram[0] & 0x0F) == 8 &&
            last_size >= 12 && (last[0] & 0x0F) == 8) {
            memcpy(datagram + 4, last + 4, 8);
        }
        test_socket_inject(socket, datagram, n);
        tern_coap_handle_incoming(ctx);
        if (flags & 4) {
            run_api(ctx, &state, flags >> 3);
        }
        avs_sched_run(sched);
    }
    tern_coap_ctx_delete(&ctx);
    avs_net_socket_cleanup(&socket);
    avs_sched_cleanup(&sched);
    avs_crypto_prng_free(&prng);
    return 0;
}
