/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

#include "bench_server.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <coap3/coap.h>

static coap_session_t *g_device;
static unsigned g_registrations;
static bool g_reading;
static unsigned long g_reads;
static unsigned long g_payload_size;
static uint64_t g_read_until_ms;
static int g_result_fd;

static uint64_t now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t) ts.tv_sec * 1000 + (uint64_t) ts.tv_nsec / 1000000;
}

static void report(const char *fmt, unsigned long a, unsigned long b) {
    char line[64];
    int n = snprintf(line, sizeof(line), fmt, a, b);
    if (n > 0 && write(g_result_fd, line, (size_t) n) != n) {
        _exit(1);
    }
}

static void send_read(void) {
    coap_pdu_t *pdu = coap_pdu_init(COAP_MESSAGE_CON, COAP_REQUEST_CODE_GET,
                                    coap_new_message_id(g_device),
                                    coap_session_max_pdu_size(g_device));
    if (!pdu) {
        return;
    }
    uint8_t token[8];
    size_t token_len;
    coap_session_new_token(g_device, &token_len, token);
    coap_add_token(pdu, token_len, token);
    coap_add_option(pdu, COAP_OPTION_URI_PATH, 1, (const uint8_t *) "3");
    coap_add_option(pdu, COAP_OPTION_URI_PATH, 1, (const uint8_t *) "0");
    coap_send(g_device, pdu);
}

static coap_response_t on_response(coap_session_t *session,
                                   const coap_pdu_t *sent,
                                   const coap_pdu_t *received,
                                   const coap_mid_t mid) {
    (void) session;
    (void) sent;
    (void) mid;
    if (!g_reading) {
        return COAP_RESPONSE_OK;
    }
    if (COAP_RESPONSE_CLASS(coap_pdu_get_code(received)) == 2) {
        size_t len = 0;
        const uint8_t *data = NULL;
        coap_get_data(received, &len, &data);
        g_payload_size = len;
        ++g_reads;
    }
    if (now_ms() < g_read_until_ms) {
        send_read();
    } else {
        g_reading = false;
        report("READS %lu %lu\n", g_reads, g_payload_size);
    }
    return COAP_RESPONSE_OK;
}

static void on_register(coap_resource_t *resource, coap_session_t *session,
                        const coap_pdu_t *request, const coap_string_t *query,
                        coap_pdu_t *response) {
    (void) resource;
    (void) request;
    (void) query;
    char id[16];
    int n = snprintf(id, sizeof(id), "%u", ++g_registrations);
    coap_pdu_set_code(response, COAP_RESPONSE_CODE_CREATED);
    coap_add_option(response, COAP_OPTION_LOCATION_PATH, 2,
                    (const uint8_t *) "rd");
    coap_add_option(response, COAP_OPTION_LOCATION_PATH, (size_t) n,
                    (const uint8_t *) id);
    if (g_device) {
        coap_session_release(g_device);
    }
    g_device = coap_session_reference(session);
}

/* Update and De-register of any registration. */
static void on_other(coap_resource_t *resource, coap_session_t *session,
                     const coap_pdu_t *request, const coap_string_t *query,
                     coap_pdu_t *response) {
    (void) resource;
    (void) session;
    (void) query;
    coap_pdu_set_code(response,
                      coap_pdu_get_code(request) == COAP_REQUEST_CODE_DELETE
                              ? COAP_RESPONSE_CODE_DELETED
                              : COAP_RESPONSE_CODE_CHANGED);
}

static unsigned free_udp_port(void) {
    int fd = socket(AF_INET, SOCK_DGRAM, 0);
    struct sockaddr_in addr;
    memset(&addr, 0, sizeof(addr));
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof(addr);
    if (fd < 0 || bind(fd, (struct sockaddr *) &addr, sizeof(addr)) ||
        getsockname(fd, (struct sockaddr *) &addr, &len)) {
        _exit(1);
    }
    close(fd);
    return ntohs(addr.sin_port);
}

static void listen_on(coap_context_t *ctx, unsigned port, coap_proto_t proto) {
    coap_address_t addr;
    coap_address_init(&addr);
    addr.addr.sin.sin_family = AF_INET;
    addr.addr.sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.addr.sin.sin_port = htons((uint16_t) port);
    addr.size = sizeof(addr.addr.sin);
    if (!coap_new_endpoint(ctx, &addr, proto)) {
        _exit(1);
    }
}

static void handle_command(int cmd_fd) {
    char line[64];
    ssize_t n = read(cmd_fd, line, sizeof(line) - 1);
    if (n <= 0) {
        _exit(0);
    }
    line[n] = '\0';
    unsigned long ms;
    if (sscanf(line, "READS %lu", &ms) == 1) {
        if (!g_device) {
            report("READS %lu %lu\n", 0, 0);
            return;
        }
        g_reads = 0;
        g_reading = true;
        g_read_until_ms = now_ms() + ms;
        send_read();
    }
}

static void server_main(int cmd_fd, int result_fd) {
    g_result_fd = result_fd;
    coap_startup();
    coap_set_log_level(LOG_EMERG);
    coap_dtls_set_log_level(LOG_EMERG);
    coap_context_t *ctx = coap_new_context(NULL);
    coap_register_response_handler(ctx, on_response);
    coap_dtls_spsk_t psk;
    memset(&psk, 0, sizeof(psk));
    psk.version = COAP_DTLS_SPSK_SETUP_VERSION;
    psk.psk_info.key.s = (const uint8_t *) BENCH_PSK_KEY;
    psk.psk_info.key.length = strlen(BENCH_PSK_KEY);
    if (!ctx || !coap_context_set_psk2(ctx, &psk)) {
        _exit(1);
    }
    unsigned udp = free_udp_port();
    unsigned dtls = free_udp_port();
    listen_on(ctx, udp, COAP_PROTO_UDP);
    listen_on(ctx, dtls, COAP_PROTO_DTLS);
    coap_resource_t *rd = coap_resource_init(coap_make_str_const("rd"), 0);
    coap_register_handler(rd, COAP_REQUEST_POST, on_register);
    coap_add_resource(ctx, rd);
    coap_resource_t *other = coap_resource_unknown_init2(on_other, 0);
    coap_register_handler(other, COAP_REQUEST_DELETE, on_other);
    coap_register_handler(other, COAP_REQUEST_POST, on_other);
    coap_add_resource(ctx, other);
    report("PORTS %lu %lu\n", udp, dtls);
    for (;;) {
        struct pollfd pfd = {cmd_fd, POLLIN, 0};
        if (poll(&pfd, 1, 0) > 0) {
            handle_command(cmd_fd);
        }
        coap_io_process(ctx, g_reading ? 1 : 20);
    }
}

bool bench_server_start(bench_server_t *server) {
    int to_child[2], from_child[2];
    if (pipe(to_child) || pipe(from_child)) {
        return false;
    }
    server->pid = fork();
    if (server->pid < 0) {
        return false;
    }
    if (server->pid == 0) {
        close(to_child[1]);
        close(from_child[0]);
        server_main(to_child[0], from_child[1]);
        _exit(0);
    }
    close(to_child[0]);
    close(from_child[1]);
    server->cmd_fd = to_child[1];
    server->result_fd = from_child[0];
    char line[64] = "";
    size_t len = 0;
    while (len < sizeof(line) - 1) {
        ssize_t n = read(server->result_fd, line + len, 1);
        if (n <= 0) {
            return false;
        }
        if (line[len++] == '\n') {
            break;
        }
    }
    line[len] = '\0';
    fcntl(server->result_fd, F_SETFL,
          fcntl(server->result_fd, F_GETFL) | O_NONBLOCK);
    return sscanf(line, "PORTS %u %u", &server->udp_port, &server->dtls_port) ==
           2;
}

void bench_server_request_reads(bench_server_t *server, unsigned ms) {
    char line[32];
    int n = snprintf(line, sizeof(line), "READS %u\n", ms);
    if (write(server->cmd_fd, line, (size_t) n) != n) {
        perror("bench server");
    }
}

bool bench_server_poll_reads(bench_server_t *server, unsigned long *out_count,
                             unsigned long *out_payload_size) {
    static char line[64];
    static size_t len;
    ssize_t n;
    while ((n = read(server->result_fd, line + len, 1)) == 1) {
        if (line[len] == '\n' || len == sizeof(line) - 2) {
            line[len + 1] = '\0';
            len = 0;
            if (sscanf(line, "READS %lu %lu", out_count, out_payload_size) ==
                2) {
                return true;
            }
            continue;
        }
        ++len;
    }
    return false;
}

void bench_server_stop(bench_server_t *server) {
    if (server->pid > 0) {
        close(server->cmd_fd);
        kill(server->pid, SIGTERM);
        waitpid(server->pid, NULL, 0);
        close(server->result_fd);
        server->pid = 0;
    }
}
