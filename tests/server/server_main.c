/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * tern-test-server: a scriptable LwM2M 1.1 server for tests and demos.
 * It listens on loopback only, handles the registration and bootstrap
 * interfaces by itself and runs device-management commands read line by
 * line from stdin (or a control FIFO/socket).
 */
#include <errno.h>
#include <getopt.h>
#include <netdb.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <coap3/coap.h>

#include "server_buf.h"
#include "server_clock.h"
#include "server_cmd.h"
#include "server_coap.h"
#include "server_input.h"
#include "server_out.h"
#include "server_rd.h"
#include "server_registry.h"
#include "server_requests.h"
#include "server_security.h"

/* The longest libcoap may sleep in poll() before its timers are looked at
 * again; its retransmission timer also wakes the epoll descriptor. */
#define MAX_POLL_MS 200u

typedef struct {
    const char *bind;
    unsigned port;
    unsigned secure_port;
    int bootstrap;
    int tcp;
    int quiet;
    int debug;
    double grace_s;
    double timeout_s;
    const char *control;
    srv_security_t sec;
    srv_buf_t psk_key;
} options_t;

static volatile sig_atomic_t g_stop;
static int g_quiet;

static void on_signal(int sig) {
    (void) sig;
    g_stop = 1;
}

static void usage(FILE *f) {
    fputs("usage: tern-test-server [--bind 127.0.0.1] [--port 5683]\n"
          "         [--secure-port 5684] [--psk-identity ID]\n"
          "         [--psk-key KEY | --psk-key-hex HEX]\n"
          "         [--cert FILE --key FILE [--ca FILE]] [--bootstrap]\n"
          "         [--no-tcp] [--timeout S] [--expiry-grace S]\n"
          "         [--control PATH] [--quiet] [--debug]\n"
          "Port 0 picks a free port; the READY line tells which.\n"
          "Commands are read from stdin, one per line; 'help' lists them.\n",
          f);
}

static int parse_port(const char *text, unsigned *out) {
    char *end;
    unsigned long v = strtoul(text, &end, 10);
    if (!*text || *end || v > 65535) {
        return -1;
    }
    *out = (unsigned) v;
    return 0;
}

static int parse_options(int argc, char **argv, options_t *o) {
    enum {
        OPT_BIND = 1000,
        OPT_PORT,
        OPT_SECURE_PORT,
        OPT_PSK_IDENTITY,
        OPT_PSK_KEY,
        OPT_PSK_KEY_HEX,
        OPT_CERT,
        OPT_KEY,
        OPT_CA,
        OPT_BOOTSTRAP,
        OPT_NO_TCP,
        OPT_TIMEOUT,
        OPT_GRACE,
        OPT_CONTROL,
        OPT_QUIET,
        OPT_DEBUG,
        OPT_HELP
    };
    static const struct option longopts[] = {
            {"bind", required_argument, NULL, OPT_BIND},
            {"port", required_argument, NULL, OPT_PORT},
            {"secure-port", required_argument, NULL, OPT_SECURE_PORT},
            {"psk-identity", required_argument, NULL, OPT_PSK_IDENTITY},
            {"psk-key", required_argument, NULL, OPT_PSK_KEY},
            {"psk-key-hex", required_argument, NULL, OPT_PSK_KEY_HEX},
            {"cert", required_argument, NULL, OPT_CERT},
            {"key", required_argument, NULL, OPT_KEY},
            {"ca", required_argument, NULL, OPT_CA},
            {"bootstrap", no_argument, NULL, OPT_BOOTSTRAP},
            {"no-tcp", no_argument, NULL, OPT_NO_TCP},
            {"timeout", required_argument, NULL, OPT_TIMEOUT},
            {"expiry-grace", required_argument, NULL, OPT_GRACE},
            {"control", required_argument, NULL, OPT_CONTROL},
            {"quiet", no_argument, NULL, OPT_QUIET},
            {"debug", no_argument, NULL, OPT_DEBUG},
            {"help", no_argument, NULL, OPT_HELP},
            {NULL, 0, NULL, 0}};
    int opt;
    char *end;
    while ((opt = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
        switch (opt) {
            case OPT_BIND:
                o->bind = optarg;
                break;
            case OPT_PORT:
            case OPT_SECURE_PORT:
                if (parse_port(optarg,
                               opt == OPT_PORT ? &o->port : &o->secure_port)) {
                    fprintf(stderr, "bad port '%s'\n", optarg);
                    return -1;
                }
                break;
            case OPT_PSK_IDENTITY:
                o->sec.psk_identity = optarg;
                break;
            case OPT_PSK_KEY:
                srv_buf_reset(&o->psk_key);
                srv_buf_append_str(&o->psk_key, optarg);
                break;
            case OPT_PSK_KEY_HEX:
                srv_buf_reset(&o->psk_key);
                if (srv_hex_decode(optarg, &o->psk_key)) {
                    fprintf(stderr, "bad hex key\n");
                    return -1;
                }
                break;
            case OPT_CERT:
                o->sec.cert_file = optarg;
                break;
            case OPT_KEY:
                o->sec.key_file = optarg;
                break;
            case OPT_CA:
                o->sec.ca_file = optarg;
                break;
            case OPT_BOOTSTRAP:
                o->bootstrap = 1;
                break;
            case OPT_NO_TCP:
                o->tcp = 0;
                break;
            case OPT_TIMEOUT:
            case OPT_GRACE: {
                double v = strtod(optarg, &end);
                if (*end || v < 0) {
                    fprintf(stderr, "bad number of seconds '%s'\n", optarg);
                    return -1;
                }
                *(opt == OPT_TIMEOUT ? &o->timeout_s : &o->grace_s) = v;
                break;
            }
            case OPT_CONTROL:
                o->control = optarg;
                break;
            case OPT_QUIET:
                o->quiet = 1;
                break;
            case OPT_DEBUG:
                o->debug = 1;
                break;
            case OPT_HELP:
                usage(stdout);
                exit(0);
            default:
                usage(stderr);
                return -1;
        }
    }
    if (optind < argc) {
        usage(stderr);
        return -1;
    }
    o->sec.psk_key = (const uint8_t *) o->psk_key.data;
    o->sec.psk_key_len = o->psk_key.len;
    return 0;
}

/* Accepts only loopback addresses: the plain port has no authentication
 * and this server exists for tests. */
static int resolve_loopback(const char *host, unsigned port,
                            coap_address_t *out) {
    struct addrinfo hints, *res = NULL;
    memset(&hints, 0, sizeof(hints));
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_DGRAM;
    hints.ai_flags = AI_NUMERICHOST | AI_PASSIVE;
    if (getaddrinfo(host, NULL, &hints, &res) != 0 || !res) {
        srv_diag("--bind wants a numeric address, not '%s'", host);
        return -1;
    }
    int ok = 0;
    coap_address_init(out);
    if (res->ai_family == AF_INET) {
        struct sockaddr_in *sin = (struct sockaddr_in *) res->ai_addr;
        ok = (ntohl(sin->sin_addr.s_addr) >> 24) == 127;
        out->addr.sin = *sin;
        out->addr.sin.sin_port = htons((uint16_t) port);
        out->size = sizeof(struct sockaddr_in);
    } else if (res->ai_family == AF_INET6) {
        struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *) res->ai_addr;
        ok = IN6_IS_ADDR_LOOPBACK(&sin6->sin6_addr);
        out->addr.sin6 = *sin6;
        out->addr.sin6.sin6_port = htons((uint16_t) port);
        out->size = sizeof(struct sockaddr_in6);
    }
    freeaddrinfo(res);
    if (!ok) {
        srv_diag("--bind must be a loopback address, not '%s'", host);
        return -1;
    }
    return 0;
}

/* The port an endpoint got, which matters when 0 was asked for:
 * coap_endpoint_str() renders "addr:port PROTO". */
static unsigned endpoint_port(const coap_endpoint_t *ep) {
    const char *text = coap_endpoint_str(ep);
    const char *space = strchr(text, ' ');
    const char *colon = NULL;
    for (const char *p = text; *p && (!space || p < space); ++p) {
        if (*p == ':') {
            colon = p;
        }
    }
    return colon ? (unsigned) strtoul(colon + 1, NULL, 10) : 0;
}

/*
 * libcoap sets SO_REUSEADDR, with which Linux lets a second UDP socket bind
 * a port that is in use; a test would then talk to the wrong server. A
 * plain bind first tells whether the port is free.
 */
static int port_is_free(const coap_address_t *addr, int type) {
    int fd = socket(addr->addr.sa.sa_family, type, 0);
    if (fd < 0) {
        return 0;
    }
    if (type == SOCK_STREAM) {
        /* For TCP the option only skips TIME_WAIT leftovers; a listener
         * still makes the bind fail. */
        int one = 1;
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
    }
    int ok = bind(fd, &addr->addr.sa, addr->size) == 0;
    close(fd);
    return ok;
}

static int listen_on(coap_context_t *ctx, const char *host, unsigned port,
                     coap_proto_t proto, const char *scheme, srv_buf_t *ready) {
    coap_address_t addr;
    if (resolve_loopback(host, port, &addr)) {
        return -1;
    }
    int type = COAP_PROTO_RELIABLE(proto) ? SOCK_STREAM : SOCK_DGRAM;
    if (port != 0 && !port_is_free(&addr, type)) {
        srv_diag("%s port %u on %s is in use", scheme, port, host);
        return -1;
    }
    coap_endpoint_t *ep = coap_new_endpoint(ctx, &addr, proto);
    if (!ep) {
        srv_diag("cannot listen for %s on %s port %u", scheme, host, port);
        return -1;
    }
    srv_buf_printf(ready, " %s=%u", scheme, endpoint_port(ep));
    return 0;
}

static void on_coap_log(coap_log_t level, const char *message) {
    (void) level;
    if (!g_quiet) {
        fputs(message, stderr);
    }
}

static int on_event(coap_session_t *session, const coap_event_t event) {
    const char *what = NULL;
    switch (event) {
        case COAP_EVENT_DTLS_CONNECTED:
            what = "secure session up";
            break;
        case COAP_EVENT_DTLS_CLOSED:
            what = "secure session closed";
            break;
        case COAP_EVENT_DTLS_ERROR:
            what = "handshake or record error";
            break;
        case COAP_EVENT_TCP_CLOSED:
            what = "TCP connection closed";
            break;
        default:
            break;
    }
    if (what) {
        char peer[96];
        srv_session_describe(session, peer, sizeof(peer));
        srv_diag("%s: %s", peer, what);
    }
    return 0;
}

static int serve(coap_context_t *ctx) {
    int coap_fd = coap_context_get_coap_fd(ctx);
    if (coap_fd < 0) {
        srv_diag("this libcoap has no epoll support");
        return -1;
    }
    while (!g_stop && !srv_cmd_quit_requested()) {
        uint64_t now = srv_now_ms();
        srv_registry_expire(now);
        srv_requests_tick(now);
        srv_cmd_run(now);
        if (srv_cmd_quit_requested()) {
            break;
        }
        uint64_t next = now + MAX_POLL_MS;
        uint64_t deadlines[] = {srv_registry_next_expiry(),
                                srv_requests_next_deadline(),
                                srv_cmd_next_deadline()};
        for (size_t i = 0; i < sizeof(deadlines) / sizeof(deadlines[0]); ++i) {
            if (deadlines[i] < next) {
                next = deadlines[i];
            }
        }
        struct pollfd fds[16];
        fds[0].fd = coap_fd;
        fds[0].events = POLLIN;
        fds[0].revents = 0;
        int n = 1 + srv_input_pollfds(fds + 1, 15);
        int rc = poll(fds, (nfds_t) n, next > now ? (int) (next - now) : 0);
        if (rc < 0 && errno != EINTR) {
            srv_diag("poll: %s", strerror(errno));
            return -1;
        }
        coap_io_process(ctx, COAP_IO_NO_WAIT);
        if (rc > 0) {
            srv_input_handle(fds + 1, n - 1);
        }
    }
    return 0;
}

int main(int argc, char **argv) {
    options_t o;
    memset(&o, 0, sizeof(o));
    o.bind = "127.0.0.1";
    o.port = 5683;
    o.secure_port = 5684;
    o.tcp = 1;
    o.timeout_s = 10;
    srv_buf_init(&o.psk_key);
    if (parse_options(argc, argv, &o)) {
        srv_buf_free(&o.psk_key);
        return 2;
    }
    g_quiet = o.quiet;
    srv_out_set_quiet(o.quiet);

    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    signal(SIGPIPE, SIG_IGN);

    coap_startup();
    coap_set_log_handler(on_coap_log);
    /* PDU dumps would otherwise go to stdout, which belongs to the line
     * protocol. */
    coap_set_show_pdu_output(0);
    coap_set_log_level(o.debug ? LOG_DEBUG : LOG_WARNING);
    coap_dtls_set_log_level(o.debug ? LOG_DEBUG : LOG_WARNING);

    int status = 1;
    srv_buf_t ready;
    srv_buf_init(&ready);
    coap_context_t *ctx = coap_new_context(NULL);
    if (!ctx) {
        srv_diag("cannot create a CoAP context");
        goto out;
    }
    int secure = srv_security_enabled(&o.sec);
    if ((secure && srv_security_setup(ctx, &o.sec)) ||
        srv_rd_init(ctx, o.bootstrap)) {
        goto out;
    }
    srv_registry_init(srv_requests_forget_client,
                      (uint64_t) (o.grace_s * 1000.0));
    srv_requests_init(ctx);
    srv_requests_set_timeout((uint64_t) (o.timeout_s * 1000.0));
    coap_register_event_handler(ctx, on_event);
    srv_buf_append_str(&ready, "READY");
    if (listen_on(ctx, o.bind, o.port, COAP_PROTO_UDP, "coap", &ready) ||
        (secure && listen_on(ctx, o.bind, o.secure_port, COAP_PROTO_DTLS,
                             "coaps", &ready)) ||
        (o.tcp &&
         listen_on(ctx, o.bind, o.port, COAP_PROTO_TCP, "coap+tcp", &ready)) ||
        (o.tcp && secure &&
         listen_on(ctx, o.bind, o.secure_port, COAP_PROTO_TLS, "coaps+tcp",
                   &ready))) {
        goto out;
    }
    if (srv_input_init(o.control)) {
        goto out;
    }
    srv_out_line("%s", srv_buf_cstr(&ready));
    if (serve(ctx) == 0) {
        status = 0;
    }

out:
    /* Requests first, so that dropping the registrations prints nothing;
     * then every session reference before libcoap frees its sessions. */
    srv_requests_cleanup();
    srv_registry_clear();
    srv_rd_cleanup();
    if (ctx) {
        coap_free_context(ctx);
    }
    coap_cleanup();
    srv_input_cleanup();
    srv_cmd_cleanup();
    srv_buf_free(&ready);
    srv_buf_free(&o.psk_key);
    return status;
}
