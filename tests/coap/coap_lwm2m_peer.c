/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * A test peer built on libcoap that behaves like an LwM2M server: it waits
 * for a client's POST /rd on one transport (udp, dtls, tcp or tls, with a
 * PSK for the secure ones), answers 2.01, and then sends requests to the
 * client over the same session, one after the other:
 *
 *   GET /3/0/0                 -> prints "READ <code> <payload>"
 *   PUT /5/0/0 (N bytes)       -> prints "WRITE <code>"
 *   GET /big                   -> prints "BIG <code> <size> <checksum>"
 *   GET /obs, Observe 0        -> prints "OBS <payload>" per notification;
 *                                 after three, deregisters and prints "DONE"
 *
 * Usage: coap_lwm2m_peer <udp|dtls|tcp|tls> <port> <psk> <N>
 * It prints "READY" once listening. The PUT payload is a pseudo-random
 * pattern derived from N, which the test recomputes.
 */

#include <coap3/coap.h>

#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static coap_session_t *g_session;
static int g_step;
static int g_notifications;
static size_t g_write_size;
static uint8_t *g_write_data;
static int g_done;

static uint32_t checksum(const uint8_t *data, size_t size) {
    uint32_t sum = 2166136261u;
    for (size_t i = 0; i < size; ++i) {
        sum = (sum ^ data[i]) * 16777619u;
    }
    return sum;
}

static void print_code(const char *what, const coap_pdu_t *pdu) {
    coap_pdu_code_t code = coap_pdu_get_code(pdu);
    printf("%s %d.%02d", what, code >> 5, code & 0x1F);
}

static void send_next(void);

static coap_response_t on_response(coap_session_t *session,
                                   const coap_pdu_t *sent,
                                   const coap_pdu_t *received,
                                   const coap_mid_t mid) {
    (void) session;
    (void) sent;
    (void) mid;
    size_t len = 0;
    size_t offset = 0;
    size_t total = 0;
    const uint8_t *data = NULL;
    coap_get_data_large(received, &len, &data, &offset, &total);
    switch (g_step) {
        case 1:
            print_code("READ", received);
            printf(" %.*s\n", (int) len, data ? (const char *) data : "");
            break;
        case 2:
            print_code("WRITE", received);
            printf("\n");
            break;
        case 3:
            print_code("BIG", received);
            printf(" %zu %08x\n", len, (unsigned) checksum(data, len));
            break;
        case 4:
            printf("OBS %.*s\n", (int) len, data ? (const char *) data : "");
            fflush(stdout);
            if (++g_notifications < 3) {
                return COAP_RESPONSE_OK;
            }
            printf("DONE\n");
            g_done = 1;
            break;
        default:
            break;
    }
    fflush(stdout);
    send_next();
    return COAP_RESPONSE_OK;
}

static void add_path(coap_pdu_t *pdu, const char *path) {
    char copy[64];
    snprintf(copy, sizeof(copy), "%s", path);
    for (char *seg = strtok(copy, "/"); seg; seg = strtok(NULL, "/")) {
        coap_add_option(pdu, COAP_OPTION_URI_PATH, strlen(seg),
                        (const uint8_t *) seg);
    }
}

static void send_next(void) {
    if (g_done || !g_session) {
        return;
    }
    ++g_step;
    uint8_t code = g_step == 2 ? COAP_REQUEST_CODE_PUT : COAP_REQUEST_CODE_GET;
    coap_pdu_t *pdu = coap_pdu_init(COAP_MESSAGE_CON, code,
                                    coap_new_message_id(g_session),
                                    coap_session_max_pdu_size(g_session));
    uint8_t token[8];
    size_t token_len;
    coap_session_new_token(g_session, &token_len, token);
    coap_add_token(pdu, token_len, token);
    switch (g_step) {
        case 1:
            add_path(pdu, "3/0/0");
            break;
        case 2:
            add_path(pdu, "5/0/0");
            coap_add_data_large_request(g_session, pdu, g_write_size,
                                        g_write_data, NULL, NULL);
            break;
        case 3:
            add_path(pdu, "big");
            break;
        default: {
            uint8_t buf[4];
            coap_add_option(pdu, COAP_OPTION_OBSERVE,
                            coap_encode_var_safe(buf, sizeof(buf),
                                                 COAP_OBSERVE_ESTABLISH),
                            buf);
            add_path(pdu, "obs");
            break;
        }
    }
    coap_send(g_session, pdu);
}

static void on_register(coap_resource_t *resource, coap_session_t *session,
                        const coap_pdu_t *request, const coap_string_t *query,
                        coap_pdu_t *response) {
    (void) resource;
    (void) request;
    (void) query;
    coap_pdu_set_code(response, COAP_RESPONSE_CODE_CREATED);
    coap_add_option(response, COAP_OPTION_LOCATION_PATH, 2,
                    (const uint8_t *) "rd");
    coap_add_option(response, COAP_OPTION_LOCATION_PATH, 1,
                    (const uint8_t *) "1");
    if (!g_session) {
        g_session = coap_session_reference(session);
        printf("REGISTERED\n");
        fflush(stdout);
        g_step = 0;
    }
}

int main(int argc, char **argv) {
    if (argc != 5) {
        fprintf(stderr, "usage: %s <udp|dtls|tcp|tls> <port> <psk> <N>\n",
                argv[0]);
        return 2;
    }
    coap_proto_t proto = !strcmp(argv[1], "dtls")  ? COAP_PROTO_DTLS
                         : !strcmp(argv[1], "tcp") ? COAP_PROTO_TCP
                         : !strcmp(argv[1], "tls") ? COAP_PROTO_TLS
                                                   : COAP_PROTO_UDP;
    g_write_size = (size_t) strtoul(argv[4], NULL, 10);
    g_write_data = (uint8_t *) malloc(g_write_size + 1);
    uint32_t x = (uint32_t) g_write_size * 2654435761u + 5;
    for (size_t i = 0; i < g_write_size; ++i) {
        x = x * 1103515245u + 12345u;
        g_write_data[i] = (uint8_t) (x >> 16);
    }

    coap_startup();
    coap_set_log_level(LOG_EMERG);
    coap_context_t *ctx = coap_new_context(NULL);
    coap_context_set_block_mode(ctx, COAP_BLOCK_USE_LIBCOAP |
                                             COAP_BLOCK_SINGLE_BODY);
    coap_register_response_handler(ctx, on_response);
    if (proto == COAP_PROTO_DTLS || proto == COAP_PROTO_TLS) {
        coap_dtls_spsk_t psk;
        memset(&psk, 0, sizeof(psk));
        psk.version = COAP_DTLS_SPSK_SETUP_VERSION;
        psk.psk_info.hint.s = (const uint8_t *) "tern";
        psk.psk_info.hint.length = 4;
        psk.psk_info.key.s = (const uint8_t *) argv[3];
        psk.psk_info.key.length = strlen(argv[3]);
        if (!coap_context_set_psk2(ctx, &psk)) {
            fprintf(stderr, "PSK setup failed\n");
            return 1;
        }
    }
    coap_address_t addr;
    coap_address_init(&addr);
    addr.addr.sin.sin_family = AF_INET;
    addr.addr.sin.sin_port = htons((uint16_t) atoi(argv[2]));
    addr.addr.sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.size = sizeof(struct sockaddr_in);
    if (!coap_new_endpoint(ctx, &addr, proto)) {
        fprintf(stderr, "cannot listen\n");
        return 1;
    }
    coap_resource_t *rd = coap_resource_init(coap_make_str_const("rd"), 0);
    coap_register_handler(rd, COAP_REQUEST_POST, on_register);
    coap_add_resource(ctx, rd);
    printf("READY\n");
    fflush(stdout);
    while (!g_done) {
        if (g_session && g_step == 0) {
            send_next();
        }
        coap_io_process(ctx, 50);
    }
    /* Give the last acknowledgements a moment to go out. */
    for (int i = 0; i < 4; ++i) {
        coap_io_process(ctx, 50);
    }
    coap_session_release(g_session);
    coap_free_context(ctx);
    coap_cleanup();
    free(g_write_data);
    return 0;
}
