/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * libcoap as the device, on the transports the hand-made UDP device does not
 * cover: coap+tcp, coaps (DTLS-PSK) and coaps+tcp (TLS-PSK). Each one
 * registers, is read and observed by the server over its own connection,
 * and de-registers.
 */
#include "tern_test.h"

#include "server_test_proc.h"

#include <coap3/coap.h>

#define PSK_IDENTITY "dev"
#define PSK_KEY "devkey-1234"

static const char *g_server_path;
static proc_t g_proc = {.pid = -1, .cmd_fd = -1, .out_fd = -1};

/* What the device answers and what it last heard back. */
static char g_battery[8] = "80";
static coap_pdu_code_t g_code;
static char g_location[16];

static void on_get(coap_resource_t *resource, coap_session_t *session,
                   const coap_pdu_t *request, const coap_string_t *query,
                   coap_pdu_t *response) {
    (void) session;
    (void) request;
    (void) query;
    coap_str_const_t *path = coap_resource_get_uri_path(resource);
    const char *body = (path->length == 5 && memcmp(path->s, "3/0/0", 5) == 0)
                               ? "Tern"
                               : g_battery;
    uint8_t buf[4];
    coap_pdu_set_code(response, COAP_RESPONSE_CODE(205));
    coap_add_option(response, COAP_OPTION_CONTENT_FORMAT,
                    coap_encode_var_safe(buf, sizeof(buf), 0), buf);
    coap_add_data(response, strlen(body), (const uint8_t *) body);
}

static coap_response_t on_response(coap_session_t *session,
                                   const coap_pdu_t *sent,
                                   const coap_pdu_t *received,
                                   const coap_mid_t mid) {
    (void) session;
    (void) sent;
    (void) mid;
    g_code = coap_pdu_get_code(received);
    coap_opt_iterator_t it;
    coap_opt_t *opt;
    coap_option_iterator_init(received, &it, COAP_OPT_ALL);
    while ((opt = coap_option_next(&it))) {
        if (it.number == COAP_OPTION_LOCATION_PATH &&
            coap_opt_length(opt) < sizeof(g_location)) {
            memcpy(g_location, coap_opt_value(opt), coap_opt_length(opt));
            g_location[coap_opt_length(opt)] = '\0';
        }
    }
    return COAP_RESPONSE_OK;
}

/* Runs the device until the server prints a line starting with @p prefix. */
static int pump_until(coap_context_t *ctx, const char *prefix, char *line,
                      size_t size) {
    uint64_t deadline = proc_now_ms() + PROC_TIMEOUT_MS;
    while (proc_now_ms() < deadline) {
        coap_io_process(ctx, 20);
        if (proc_read_line(&g_proc, line, size, 1) &&
            strncmp(line, prefix, strlen(prefix)) == 0) {
            return 1;
        }
    }
    fprintf(stderr, "  no line starting with '%s'\n", prefix);
    return 0;
}

/* Sends a request of the device and runs it until the answer. */
static int device_request(coap_context_t *ctx, coap_session_t *session,
                          coap_pdu_code_t code, const char *id, const char *ep,
                          coap_proto_t proto) {
    coap_pdu_t *pdu =
            coap_pdu_init(COAP_MESSAGE_CON, code, coap_new_message_id(session),
                          coap_session_max_pdu_size(session));
    uint8_t token[2] = {0x42, (uint8_t) code};
    uint8_t buf[4];
    char query[64];
    coap_add_token(pdu, sizeof(token), token);
    coap_add_option(pdu, COAP_OPTION_URI_PATH, 2, (const uint8_t *) "rd");
    if (id) {
        coap_add_option(pdu, COAP_OPTION_URI_PATH, strlen(id),
                        (const uint8_t *) id);
    } else {
        const char *links = "</1/0>,</3/0>";
        coap_add_option(pdu, COAP_OPTION_CONTENT_FORMAT,
                        coap_encode_var_safe(buf, sizeof(buf), 40), buf);
        snprintf(query, sizeof(query), "ep=%s", ep);
        coap_add_option(pdu, COAP_OPTION_URI_QUERY, strlen(query),
                        (const uint8_t *) query);
        coap_add_option(pdu, COAP_OPTION_URI_QUERY, 5,
                        (const uint8_t *) "lt=60");
        coap_add_option(pdu, COAP_OPTION_URI_QUERY, 9,
                        (const uint8_t *) "lwm2m=1.1");
        coap_add_option(
                pdu, COAP_OPTION_URI_QUERY, 3,
                (const uint8_t *) (COAP_PROTO_RELIABLE(proto) ? "b=T" : "b=U"));
        coap_add_data(pdu, strlen(links), (const uint8_t *) links);
    }
    g_code = 0;
    if (coap_send(session, pdu) == COAP_INVALID_MID) {
        return 0;
    }
    uint64_t deadline = proc_now_ms() + PROC_TIMEOUT_MS;
    while (!g_code && proc_now_ms() < deadline) {
        coap_io_process(ctx, 20);
    }
    return g_code != 0;
}

static void run_device(coap_proto_t proto, unsigned port, int psk,
                       const char *ep) {
    char line[512], expected[128];
    coap_context_t *ctx = coap_new_context(NULL);
    TT_CHECK(ctx);
    coap_register_response_handler(ctx, on_response);
    coap_resource_t *name = coap_resource_init(coap_make_str_const("3/0/0"), 0);
    coap_resource_t *battery =
            coap_resource_init(coap_make_str_const("3/0/9"), 0);
    coap_register_request_handler(name, COAP_REQUEST_GET, on_get);
    coap_register_request_handler(battery, COAP_REQUEST_GET, on_get);
    coap_resource_set_get_observable(battery, 1);
    coap_add_resource(ctx, name);
    coap_add_resource(ctx, battery);

    coap_address_t addr;
    coap_address_init(&addr);
    addr.addr.sin.sin_family = AF_INET;
    addr.addr.sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.addr.sin.sin_port = htons((uint16_t) port);
    addr.size = sizeof(addr.addr.sin);
    coap_session_t *session;
    if (psk) {
        coap_dtls_cpsk_t setup;
        memset(&setup, 0, sizeof(setup));
        setup.version = COAP_DTLS_CPSK_SETUP_VERSION;
        setup.psk_info.identity.s = (const uint8_t *) PSK_IDENTITY;
        setup.psk_info.identity.length = strlen(PSK_IDENTITY);
        setup.psk_info.key.s = (const uint8_t *) PSK_KEY;
        setup.psk_info.key.length = strlen(PSK_KEY);
        session = coap_new_client_session_psk2(ctx, NULL, &addr, proto, &setup);
    } else {
        session = coap_new_client_session(ctx, NULL, &addr, proto);
    }
    int ok = session != NULL;
    ok = ok &&
         device_request(ctx, session, COAP_REQUEST_CODE_POST, NULL, ep, proto);
    ok = ok && g_code == COAP_RESPONSE_CODE(201);
    snprintf(expected, sizeof(expected), "REGISTERED %s ep=%s ", g_location,
             ep);
    ok = ok && pump_until(ctx, expected, line, sizeof(line));

    if (ok) {
        proc_command(&g_proc, "read %s /3/0/0", ep);
    }
    ok = ok && pump_until(ctx, "RESPONSE", line, sizeof(line));
    ok = ok && strcmp(line, "RESPONSE 2.05 ct=0 Tern") == 0;

    if (ok) {
        strcpy(g_battery, "80");
        proc_command(&g_proc, "observe %s /3/0/9", ep);
    }
    ok = ok && pump_until(ctx, "RESPONSE", line, sizeof(line));
    ok = ok && strcmp(line, "RESPONSE 2.05 ct=0 80") == 0;
    if (ok) {
        strcpy(g_battery, "79");
        coap_resource_notify_observers(battery, NULL);
    }
    ok = ok && pump_until(ctx, "NOTIFY", line, sizeof(line));
    snprintf(expected, sizeof(expected), "NOTIFY %s /3/0/9 seq=", g_location);
    ok = ok && strncmp(line, expected, strlen(expected)) == 0 &&
         strstr(line, " ct=0 79") != NULL;
    if (ok) {
        proc_command(&g_proc, "cancel-observe %s /3/0/9", ep);
    }
    ok = ok && pump_until(ctx, "RESPONSE", line, sizeof(line));
    ok = ok && strcmp(line, "RESPONSE 2.05 ct=0 79") == 0;

    char id[16];
    snprintf(id, sizeof(id), "%s", g_location);
    ok = ok &&
         device_request(ctx, session, COAP_REQUEST_CODE_DELETE, id, ep, proto);
    ok = ok && g_code == COAP_RESPONSE_CODE(202);
    snprintf(expected, sizeof(expected), "DEREGISTERED %s ep=%s", id, ep);
    ok = ok && pump_until(ctx, expected, line, sizeof(line));

    if (session) {
        coap_session_release(session);
    }
    coap_free_context(ctx);
    TT_CHECK(ok);
}

static int start(void) {
    return proc_start(&g_proc, g_server_path, "--port", "0", "--secure-port",
                      "0", "--psk-identity", PSK_IDENTITY, "--psk-key", PSK_KEY,
                      "--quiet", (const char *) NULL);
}

static void over_tcp(void) {
    TT_CHECK(start());
    run_device(COAP_PROTO_TCP, g_proc.coap_tcp, 0, "dev-tcp");
    TT_EQ(proc_stop(&g_proc, 1), 0);
}

static void over_dtls_psk(void) {
    TT_CHECK(start());
    run_device(COAP_PROTO_DTLS, g_proc.coaps, 1, "dev-dtls");
    TT_EQ(proc_stop(&g_proc, 1), 0);
}

static void over_tls_psk(void) {
    TT_CHECK(start());
    run_device(COAP_PROTO_TLS, g_proc.coaps_tcp, 1, "dev-tls");
    TT_EQ(proc_stop(&g_proc, 1), 0);
}

#define RUN(fn)                                                                \
    do {                                                                       \
        TT_RUN(fn);                                                            \
        proc_stop(&g_proc, 0);                                                 \
    } while (0)

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: %s path/to/tern-test-server\n", argv[0]);
        return 2;
    }
    g_server_path = argv[1];
    signal(SIGPIPE, SIG_IGN);
    coap_startup();
    coap_set_log_level(LOG_ERR);
    RUN(over_tcp);
    RUN(over_dtls_psk);
    RUN(over_tls_psk);
    coap_cleanup();
    return TT_SUMMARY();
}
