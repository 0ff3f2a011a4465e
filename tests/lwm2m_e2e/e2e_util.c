/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

#include "e2e_util.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "demo_objects.h"
#include "e2e_session.h"

const char *e2e_server_path;
char e2e_last_line[E2E_LINE_SIZE];

static int64_t now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t) ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void add_line(e2e_server_t *srv, const char *line) {
    fprintf(stderr, "    server: %s\n", line);
    if (srv->line_count == E2E_MAX_LINES) {
        free(srv->lines[0]);
        memmove(srv->lines, srv->lines + 1,
                (E2E_MAX_LINES - 1) * sizeof(srv->lines[0]));
        --srv->line_count;
    }
    srv->lines[srv->line_count++] = strdup(line);
}

/* Reads what the server wrote, splitting it into lines. */
static void read_server(e2e_server_t *srv) {
    char buf[4096];
    ssize_t n;
    while ((n = read(srv->out_fd, buf, sizeof(buf))) > 0) {
        for (ssize_t i = 0; i < n; ++i) {
            if (buf[i] == '\n') {
                srv->partial[srv->partial_len] = '\0';
                add_line(srv, srv->partial);
                srv->partial_len = 0;
            } else if (srv->partial_len < sizeof(srv->partial) - 1) {
                srv->partial[srv->partial_len++] = buf[i];
            }
        }
    }
}

static void (*g_hook)(void *arg);
static void *g_hook_arg;
static int g_hook_fds[4];
static size_t g_hook_fd_count;

void e2e_set_pump_hook(void (*hook)(void *arg), void *arg, const int *fds,
                       size_t fd_count) {
    g_hook = hook;
    g_hook_arg = arg;
    g_hook_fd_count = hook ? fd_count : 0;
    for (size_t i = 0; i < g_hook_fd_count && i < 4; ++i) {
        g_hook_fds[i] = fds[i];
    }
}

void e2e_pump(e2e_server_t *srv, anjay_t *anjay, int ms) {
    int64_t deadline = now_ms() + ms;
    do {
        struct pollfd fds[21];
        avs_net_socket_t *sockets[16];
        nfds_t count = 0;
        for (size_t i = 0; i < g_hook_fd_count; ++i) {
            fds[count].fd = g_hook_fds[i];
            fds[count].events = POLLIN;
            fds[count++].revents = 0;
        }
        if (srv && srv->out_fd >= 0) {
            fds[count].fd = srv->out_fd;
            fds[count].events = POLLIN;
            fds[count++].revents = 0;
        }
        nfds_t first_socket = count;
        AVS_LIST(avs_net_socket_t *const) socket;
        AVS_LIST_FOREACH(socket, anjay ? anjay_get_sockets(anjay) : NULL) {
            const int *fd = (const int *) avs_net_socket_get_system(*socket);
            if (fd && *fd >= 0 && count < 21) {
                sockets[count - first_socket] = *socket;
                fds[count].fd = *fd;
                fds[count].events = POLLIN;
                fds[count++].revents = 0;
            }
        }
        int64_t left = deadline - now_ms();
        int wait = left > 0 ? (int) left : 0;
        if (wait > 50) {
            wait = 50;
        }
        if (anjay) {
            wait = anjay_sched_calculate_wait_time_ms(anjay, wait);
        }
        if (poll(fds, count, wait) > 0) {
            for (nfds_t i = first_socket; i < count; ++i) {
                if (fds[i].revents) {
                    anjay_serve(anjay, sockets[i - first_socket]);
                }
            }
        }
        if (g_hook) {
            g_hook(g_hook_arg);
        }
        if (srv && srv->out_fd >= 0) {
            read_server(srv);
        }
        if (anjay) {
            anjay_sched_run(anjay);
        }
    } while (now_ms() < deadline);
}

static bool take_line(e2e_server_t *srv, const char *prefix,
                      const char *contains, char *out, size_t out_size) {
    for (size_t i = 0; i < srv->line_count; ++i) {
        const char *line = srv->lines[i];
        if (!strncmp(line, prefix, strlen(prefix)) &&
            (!contains || strstr(line, contains))) {
            if (out && out_size) {
                snprintf(out, out_size, "%s", line);
            }
            free(srv->lines[i]);
            memmove(&srv->lines[i], &srv->lines[i + 1],
                    (srv->line_count - i - 1) * sizeof(srv->lines[0]));
            --srv->line_count;
            return true;
        }
    }
    return false;
}

bool e2e_wait(e2e_server_t *srv, anjay_t *anjay, const char *prefix,
              const char *contains, int timeout_ms, char *out,
              size_t out_size) {
    int64_t deadline = now_ms() + timeout_ms;
    for (;;) {
        if (take_line(srv, prefix, contains, out, out_size)) {
            return true;
        }
        if (now_ms() >= deadline) {
            fprintf(stderr, "    (no line \"%s...%s\" within %d ms)\n", prefix,
                    contains ? contains : "", timeout_ms);
            return false;
        }
        e2e_pump(srv, anjay, 20);
    }
}

bool e2e_server_saw(e2e_server_t *srv, const char *prefix) {
    for (size_t i = 0; i < srv->line_count; ++i) {
        if (!strncmp(srv->lines[i], prefix, strlen(prefix))) {
            return true;
        }
    }
    return false;
}

void e2e_server_flush(e2e_server_t *srv) {
    for (size_t i = 0; i < srv->line_count; ++i) {
        free(srv->lines[i]);
    }
    srv->line_count = 0;
}

static unsigned port_of(const char *line, const char *key) {
    const char *p = strstr(line, key);
    return p ? (unsigned) strtoul(p + strlen(key), NULL, 10) : 0;
}

bool e2e_server_start(e2e_server_t *srv, const char *const *args) {
    memset(srv, 0, sizeof(*srv));
    srv->in_fd = srv->out_fd = -1;
    int to_child[2], from_child[2];
    if (pipe(to_child) || pipe(from_child)) {
        perror("pipe");
        return false;
    }
    const char *argv[32];
    size_t argc = 0;
    argv[argc++] = e2e_server_path;
    argv[argc++] = "--bind";
    argv[argc++] = "127.0.0.1";
    bool ports_given = false;
    for (size_t i = 0; args && args[i] && argc < 28; ++i) {
        ports_given |= !strcmp(args[i], "--port");
        argv[argc++] = args[i];
    }
    if (!ports_given) {
        argv[argc++] = "--port";
        argv[argc++] = "0";
        argv[argc++] = "--secure-port";
        argv[argc++] = "0";
    }
    argv[argc] = NULL;
    srv->pid = fork();
    if (srv->pid < 0) {
        perror("fork");
        return false;
    }
    if (srv->pid == 0) {
        dup2(to_child[0], 0);
        dup2(from_child[1], 1);
        close(to_child[1]);
        close(from_child[0]);
        /* The server's diagnostics go to the test's stderr as they are. */
        execv(e2e_server_path, (char *const *) (intptr_t) argv);
        perror("execv");
        _exit(127);
    }
    close(to_child[0]);
    close(from_child[1]);
    srv->in_fd = to_child[1];
    srv->out_fd = from_child[0];
    fcntl(srv->out_fd, F_SETFL, fcntl(srv->out_fd, F_GETFL) | O_NONBLOCK);
    fcntl(srv->in_fd, F_SETFD, FD_CLOEXEC);
    fcntl(srv->out_fd, F_SETFD, FD_CLOEXEC);
    char ready[512];
    if (!e2e_wait(srv, NULL, "READY ", NULL, 5000, ready, sizeof(ready))) {
        e2e_server_stop(srv);
        return false;
    }
    srv->coap_port = port_of(ready, " coap=");
    srv->coaps_port = port_of(ready, " coaps=");
    srv->tcp_port = port_of(ready, " coap+tcp=");
    srv->tls_port = port_of(ready, " coaps+tcp=");
    return true;
}

void e2e_server_cmd(e2e_server_t *srv, const char *fmt, ...) {
    char line[E2E_LINE_SIZE];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(line, sizeof(line) - 1, fmt, ap);
    va_end(ap);
    if (n < 0 || (size_t) n >= sizeof(line) - 1) {
        fprintf(stderr, "    command too long\n");
        return;
    }
    fprintf(stderr, "    server < %s\n", line);
    line[n++] = '\n';
    if (write(srv->in_fd, line, (size_t) n) != n) {
        perror("write to server");
    }
}

void e2e_server_stop(e2e_server_t *srv) {
    if (srv->pid > 0) {
        if (srv->in_fd >= 0) {
            static const char QUIT[] = "quit\n";
            ssize_t ignored = write(srv->in_fd, QUIT, sizeof(QUIT) - 1);
            (void) ignored;
        }
        int status;
        int64_t deadline = now_ms() + 2000;
        while (waitpid(srv->pid, &status, WNOHANG) == 0) {
            if (now_ms() > deadline) {
                kill(srv->pid, SIGKILL);
                waitpid(srv->pid, &status, 0);
                break;
            }
            nanosleep(&(struct timespec){0, 10000000}, NULL);
        }
        srv->pid = 0;
    }
    if (srv->in_fd >= 0) {
        close(srv->in_fd);
    }
    if (srv->out_fd >= 0) {
        close(srv->out_fd);
    }
    srv->in_fd = srv->out_fd = -1;
    e2e_server_flush(srv);
}

static int add_accounts(anjay_t *anjay, const e2e_client_opts_t *opts) {
    anjay_security_instance_t security;
    memset(&security, 0, sizeof(security));
    security.ssid = 1;
    security.server_uri = opts->uri;
    security.bootstrap_server = opts->bootstrap;
    security.security_mode = opts->mode;
    security.client_holdoff_s = opts->bootstrap ? 0 : -1;
    security.bootstrap_timeout_s = -1;
    if (opts->mode == ANJAY_SECURITY_PSK) {
        security.public_cert_or_psk_identity =
                (const uint8_t *) opts->psk_identity;
        security.public_cert_or_psk_identity_size = strlen(opts->psk_identity);
        security.private_cert_or_psk_key = (const uint8_t *) opts->psk_key;
        security.private_cert_or_psk_key_size = strlen(opts->psk_key);
    } else if (opts->mode == ANJAY_SECURITY_CERTIFICATE) {
        security.public_cert_or_psk_identity = opts->cert;
        security.public_cert_or_psk_identity_size = opts->cert_size;
        security.private_cert_or_psk_key = opts->key;
        security.private_cert_or_psk_key_size = opts->key_size;
        security.server_public_key = opts->server_cert;
        security.server_public_key_size = opts->server_cert_size;
    }
    anjay_iid_t iid = ANJAY_ID_INVALID;
    if (anjay_security_object_add_instance(anjay, &security, &iid)) {
        return -1;
    }
    if (opts->bootstrap_uri) {
        anjay_security_instance_t bs;
        memset(&bs, 0, sizeof(bs));
        bs.server_uri = opts->bootstrap_uri;
        bs.bootstrap_server = true;
        bs.security_mode = ANJAY_SECURITY_NOSEC;
        bs.client_holdoff_s = 0;
        bs.bootstrap_timeout_s = -1;
        iid = ANJAY_ID_INVALID;
        if (anjay_security_object_add_instance(anjay, &bs, &iid)) {
            return -1;
        }
    }
    if (opts->bootstrap) {
        return 0;
    }
    uint32_t retry_timer = opts->retry_timer_s ? opts->retry_timer_s : 1;
    uint32_t retry_count = 3;
    anjay_server_instance_t server;
    memset(&server, 0, sizeof(server));
    server.ssid = 1;
    server.lifetime = opts->lifetime ? opts->lifetime : 120;
    server.default_min_period = -1;
    server.default_max_period = -1;
    server.disable_timeout = -1;
    server.binding = strstr(opts->uri, "+tcp://") ? "T" : "U";
    server.notification_storing = opts->notification_storing;
    server.communication_retry_timer = &retry_timer;
    server.communication_retry_count = &retry_count;
    iid = ANJAY_ID_INVALID;
    return anjay_server_object_add_instance(anjay, &server, &iid);
}

bool e2e_client_start(e2e_client_t *client, const e2e_client_opts_t *opts) {
    memset(client, 0, sizeof(*client));
    static const avs_coap_udp_tx_params_t TX = {{1, 0}, 1.0, 2, 1};
    static const avs_net_dtls_handshake_timeouts_t HS = {{1, 0}, {4, 0}};
    anjay_configuration_t config;
    if (opts->config) {
        config = *opts->config;
    } else {
        memset(&config, 0, sizeof(config));
    }
    if (!config.endpoint_name) {
        config.endpoint_name = "e2e-client";
    }
    if (!config.udp_tx_params) {
        config.udp_tx_params = &TX;
    }
    if (!config.udp_dtls_hs_tx_params) {
        config.udp_dtls_hs_tx_params = &HS;
    }
    if (!config.msg_cache_size) {
        config.msg_cache_size = 4096;
    }
    if (!config.out_buffer_size) {
        /* Loopback's MTU would let a response grow to the whole buffer in
         * one datagram; libcoap takes at most about 1.1 KiB, so larger
         * payloads must go block-wise. */
        config.out_buffer_size = 1152;
    }
    if (!(client->anjay = anjay_new(&config))) {
        return false;
    }
    e2e_object_init(&client->test);
    client->device = demo_device_object_create(NULL, NULL);
    client->time = demo_time_object_create();
    if (anjay_security_object_install(client->anjay) ||
        anjay_server_object_install(client->anjay) ||
        add_accounts(client->anjay, opts) || !client->device || !client->time ||
        anjay_register_object(client->anjay, client->device) ||
        anjay_register_object(client->anjay, client->time) ||
        demo_time_object_start(client->anjay, client->time) ||
        anjay_register_object(client->anjay, e2e_object_def(&client->test))) {
        fprintf(stderr, "    cannot set the client up\n");
        e2e_client_stop(client);
        return false;
    }
    return true;
}

void e2e_client_stop(e2e_client_t *client) {
    anjay_delete(client->anjay);
    client->anjay = NULL;
    demo_device_object_release(client->device);
    demo_time_object_release(client->time);
    client->device = client->time = NULL;
}

uint8_t *e2e_read_file(const char *path, size_t *out_size) {
    FILE *f = fopen(path, "rb");
    if (!f) {
        return NULL;
    }
    uint8_t *data = (uint8_t *) malloc(65536);
    size_t size = data ? fread(data, 1, 65536, f) : 0;
    fclose(f);
    *out_size = size;
    return data;
}

int e2e_shell(const char *fmt, ...) {
    char command[2048];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(command, sizeof(command), fmt, ap);
    va_end(ap);
    int status = system(command);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

const char *e2e_tmpdir(void) {
    static char path[256];
    const char *base = getenv("TMPDIR");
    snprintf(path, sizeof(path), "%s/tern-e2e.XXXXXX", base ? base : "/tmp");
    return mkdtemp(path);
}
