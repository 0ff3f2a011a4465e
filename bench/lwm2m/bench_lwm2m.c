/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * bench_lwm2m: figures of the LwM2M client against a libcoap server on
 * loopback (bench_server.c, a child process):
 *   - time from anjay_new() to registered, NoSec and DTLS-PSK (median of
 *     N runs), against a bare DTLS handshake to the same server;
 *   - Reads of /3/0 served per second, against Tern's CoAP engine alone
 *     answering the same requests with a payload of the same size;
 *   - heap peak of a registered client (Tern and OpenSSL allocations,
 *     counted by wrapping malloc), against that CoAP-only responder;
 *   - stripped size of tern-demo as built next to this program.
 */
#include <malloc.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <openssl/crypto.h>

#include <anjay/anjay.h>
#include <avsystem/commons/avs_log.h>
#include <tern/coap.h>

#include "bench_server.h"
#include "demo_objects.h"

#define RUNS 10
#define READ_MS 2000

/* ---- heap accounting ------------------------------------------------- */

void *__real_malloc(size_t size);
void *__real_calloc(size_t nmemb, size_t size);
void *__real_realloc(void *ptr, size_t size);
void __real_free(void *ptr);

static int64_t g_heap_now;
static int64_t g_heap_peak;

static void heap_add(void *ptr) {
    if (ptr) {
        g_heap_now += (int64_t) malloc_usable_size(ptr);
        if (g_heap_now > g_heap_peak) {
            g_heap_peak = g_heap_now;
        }
    }
}

static void heap_sub(void *ptr) {
    if (ptr) {
        g_heap_now -= (int64_t) malloc_usable_size(ptr);
    }
}

void *__wrap_malloc(size_t size) {
    void *ptr = __real_malloc(size);
    heap_add(ptr);
    return ptr;
}

void *__wrap_calloc(size_t nmemb, size_t size) {
    void *ptr = __real_calloc(nmemb, size);
    heap_add(ptr);
    return ptr;
}

void *__wrap_realloc(void *ptr, size_t size) {
    heap_sub(ptr);
    void *result = __real_realloc(ptr, size);
    heap_add(result ? result : ptr);
    return result;
}

void __wrap_free(void *ptr) {
    heap_sub(ptr);
    __real_free(ptr);
}

static void *ossl_malloc(size_t size, const char *file, int line) {
    (void) file;
    (void) line;
    return __wrap_malloc(size);
}

static void *ossl_realloc(void *ptr, size_t size, const char *file, int line) {
    (void) file;
    (void) line;
    return __wrap_realloc(ptr, size);
}

static void ossl_free(void *ptr, const char *file, int line) {
    (void) file;
    (void) line;
    __wrap_free(ptr);
}

static void heap_reset_peak(void) {
    g_heap_peak = g_heap_now;
}

/* ---- helpers ------------------------------------------------------------ */

static double now_s(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double) ts.tv_sec + (double) ts.tv_nsec / 1e9;
}

static int compare_double(const void *a, const void *b) {
    double x = *(const double *) a, y = *(const double *) b;
    return x < y ? -1 : x > y;
}

static double median(double *values, size_t count) {
    qsort(values, count, sizeof(values[0]), compare_double);
    return count % 2 ? values[count / 2]
                     : (values[count / 2 - 1] + values[count / 2]) / 2;
}

static bench_server_t g_server;

/* ---- the LwM2M client ---------------------------------------------------- */

typedef struct {
    anjay_t *anjay;
    const anjay_dm_object_def_t **device;
    const anjay_dm_object_def_t **time;
    bool registered;
} client_t;

static void on_status(void *arg, anjay_t *anjay, anjay_ssid_t ssid,
                      anjay_server_conn_status_t status) {
    (void) anjay;
    (void) ssid;
    if (status == ANJAY_SERV_CONN_STATUS_REGISTERED) {
        ((client_t *) arg)->registered = true;
    }
}

static bool client_start(client_t *client, bool dtls) {
    memset(client, 0, sizeof(*client));
    anjay_configuration_t config;
    memset(&config, 0, sizeof(config));
    config.endpoint_name = "bench-client";
    config.in_buffer_size = 4000;
    config.out_buffer_size = 4000;
    config.msg_cache_size = 4000;
    config.server_connection_status_cb = on_status;
    config.server_connection_status_cb_arg = client;
    if (!(client->anjay = anjay_new(&config))) {
        return false;
    }
    char uri[64];
    snprintf(uri, sizeof(uri), "%s://127.0.0.1:%u", dtls ? "coaps" : "coap",
             dtls ? g_server.dtls_port : g_server.udp_port);
    anjay_security_instance_t security;
    memset(&security, 0, sizeof(security));
    security.ssid = 1;
    security.server_uri = uri;
    security.security_mode = dtls ? ANJAY_SECURITY_PSK : ANJAY_SECURITY_NOSEC;
    security.public_cert_or_psk_identity = (const uint8_t *) BENCH_PSK_IDENTITY;
    security.public_cert_or_psk_identity_size =
            dtls ? strlen(BENCH_PSK_IDENTITY) : 0;
    security.private_cert_or_psk_key = (const uint8_t *) BENCH_PSK_KEY;
    security.private_cert_or_psk_key_size = dtls ? strlen(BENCH_PSK_KEY) : 0;
    security.client_holdoff_s = -1;
    security.bootstrap_timeout_s = -1;
    anjay_server_instance_t server;
    memset(&server, 0, sizeof(server));
    server.ssid = 1;
    server.lifetime = 300;
    server.default_min_period = -1;
    server.default_max_period = -1;
    server.disable_timeout = -1;
    server.binding = "U";
    anjay_iid_t iid = ANJAY_ID_INVALID, server_iid = ANJAY_ID_INVALID;
    client->device = demo_device_object_create(NULL, NULL);
    client->time = demo_time_object_create();
    return !anjay_security_object_install(client->anjay) &&
           !anjay_server_object_install(client->anjay) &&
           !anjay_security_object_add_instance(client->anjay, &security,
                                               &iid) &&
           !anjay_server_object_add_instance(client->anjay, &server,
                                             &server_iid) &&
           client->device && client->time &&
           !anjay_register_object(client->anjay, client->device) &&
           !anjay_register_object(client->anjay, client->time);
}

static void client_stop(client_t *client) {
    anjay_delete(client->anjay);
    demo_device_object_release(client->device);
    demo_time_object_release(client->time);
}

/* One round of the client's own loop; also watches the server's pipe. */
static void client_step(anjay_t *anjay, int max_ms) {
    struct pollfd fds[4];
    avs_net_socket_t *sockets[3];
    nfds_t count = 0;
    AVS_LIST(avs_net_socket_t *const) socket;
    AVS_LIST_FOREACH(socket, anjay_get_sockets(anjay)) {
        if (count < 3) {
            sockets[count] = *socket;
            fds[count].fd = *(const int *) avs_net_socket_get_system(*socket);
            fds[count].events = POLLIN;
            fds[count++].revents = 0;
        }
    }
    fds[count].fd = g_server.result_fd;
    fds[count].events = POLLIN;
    fds[count].revents = 0;
    if (poll(fds, count + 1,
             anjay_sched_calculate_wait_time_ms(anjay, max_ms)) > 0) {
        for (nfds_t i = 0; i < count; ++i) {
            if (fds[i].revents) {
                anjay_serve(anjay, sockets[i]);
            }
        }
    }
    anjay_sched_run(anjay);
}

static double time_to_register(bool dtls) {
    double start = now_s();
    client_t client;
    if (!client_start(&client, dtls)) {
        fprintf(stderr, "cannot set the client up\n");
        exit(1);
    }
    while (!client.registered && now_s() - start < 10) {
        client_step(client.anjay, 100);
    }
    double elapsed = client.registered ? now_s() - start : -1;
    client_stop(&client);
    return elapsed;
}

static double bare_handshake(void) {
    double start = now_s();
    avs_crypto_prng_ctx_t *prng = avs_crypto_prng_new(NULL, NULL);
    avs_net_psk_info_t psk;
    psk.identity = avs_crypto_psk_identity_info_from_buffer(
            BENCH_PSK_IDENTITY, strlen(BENCH_PSK_IDENTITY));
    psk.key = avs_crypto_psk_key_info_from_buffer(BENCH_PSK_KEY,
                                                  strlen(BENCH_PSK_KEY));
    avs_net_ssl_configuration_t ssl;
    memset(&ssl, 0, sizeof(ssl));
    ssl.security = avs_net_security_info_from_psk(psk);
    ssl.prng_ctx = prng;
    avs_net_socket_t *socket = NULL;
    char port[8];
    snprintf(port, sizeof(port), "%u", g_server.dtls_port);
    bool ok = avs_is_ok(avs_net_dtls_socket_create(&socket, &ssl)) &&
              avs_is_ok(avs_net_socket_connect(socket, "127.0.0.1", port));
    avs_net_socket_cleanup(&socket);
    avs_crypto_prng_free(&prng);
    return ok ? now_s() - start : -1;
}

/* ---- Reads per second ------------------------------------------------- */

static unsigned long g_read_payload_size;

static unsigned long wait_reads(anjay_t *anjay, tern_coap_ctx_t *coap) {
    unsigned long count = 0;
    double deadline = now_s() + READ_MS / 1000.0 + 5;
    while (!bench_server_poll_reads(&g_server, &count, &g_read_payload_size) &&
           now_s() < deadline) {
        if (anjay) {
            client_step(anjay, 50);
        } else {
            avs_net_socket_t *socket = tern_coap_ctx_socket(coap);
            struct pollfd fds[2] = {
                    {*(const int *) avs_net_socket_get_system(socket), POLLIN,
                     0},
                    {g_server.result_fd, POLLIN, 0}};
            if (poll(fds, 2, 50) > 0 && fds[0].revents) {
                tern_coap_handle_incoming(coap);
            }
        }
    }
    return count;
}

static double lwm2m_reads_per_s(int64_t *out_heap_peak) {
    client_t client;
    heap_reset_peak();
    int64_t before = g_heap_now;
    if (!client_start(&client, false)) {
        exit(1);
    }
    while (!client.registered) {
        client_step(client.anjay, 100);
    }
    bench_server_request_reads(&g_server, READ_MS);
    unsigned long count = wait_reads(client.anjay, NULL);
    *out_heap_peak = g_heap_peak - before;
    client_stop(&client);
    return (double) count * 1000.0 / READ_MS;
}

/* The same answer the client gives to GET /3/0, without the LwM2M layer. */
static uint8_t g_payload[512];
static size_t g_payload_size;

static void bare_request(tern_coap_ctx_t *ctx, tern_coap_incoming_t *request,
                         const tern_coap_msg_t *msg, void *arg) {
    (void) ctx;
    (void) msg;
    (void) arg;
    uint8_t opts_buf[8];
    tern_coap_opts_t opts;
    tern_coap_opts_init(&opts, opts_buf, sizeof(opts_buf));
    tern_coap_opts_add_uint(&opts, TERN_COAP_OPT_CONTENT_FORMAT,
                            TERN_COAP_FORMAT_SENML_CBOR);
    tern_coap_msg_t response;
    memset(&response, 0, sizeof(response));
    response.code = TERN_COAP_CODE_CONTENT;
    tern_coap_msg_set_opts(&response, &opts);
    response.payload = g_payload;
    response.payload_size = g_payload_size;
    tern_coap_respond(request, &response);
}

static bool g_bare_registered;

static void bare_registered(tern_coap_ctx_t *ctx, tern_coap_id_t id,
                            tern_coap_result_t result,
                            const tern_coap_msg_t *response, void *arg) {
    (void) ctx;
    (void) id;
    (void) response;
    (void) arg;
    g_bare_registered = result == TERN_COAP_RESULT_OK;
}

static double bare_reads_per_s(int64_t *out_heap_peak) {
    heap_reset_peak();
    int64_t before = g_heap_now;
    avs_sched_t *sched = avs_sched_new("bench", NULL);
    avs_crypto_prng_ctx_t *prng = avs_crypto_prng_new(NULL, NULL);
    avs_net_socket_t *socket = NULL;
    char port[8];
    snprintf(port, sizeof(port), "%u", g_server.udp_port);
    if (avs_is_err(avs_net_udp_socket_create(&socket, NULL)) ||
        avs_is_err(avs_net_socket_connect(socket, "127.0.0.1", port))) {
        exit(1);
    }
    tern_coap_config_t config;
    memset(&config, 0, sizeof(config));
    config.sched = sched;
    config.prng = prng;
    config.in_buffer_size = 4000;
    config.out_buffer_size = 4000;
    config.msg_cache_size = 4000;
    config.request_handler = bare_request;
    tern_coap_ctx_t *coap = tern_coap_ctx_new(socket, &config);
    uint8_t opts_buf[32];
    tern_coap_opts_t opts;
    tern_coap_opts_init(&opts, opts_buf, sizeof(opts_buf));
    tern_coap_opts_add_path(&opts, "rd");
    tern_coap_opts_add_string(&opts, TERN_COAP_OPT_URI_QUERY, "ep=bare");
    tern_coap_msg_t reg;
    memset(&reg, 0, sizeof(reg));
    reg.code = TERN_COAP_CODE_POST;
    tern_coap_msg_set_opts(&reg, &opts);
    g_bare_registered = false;
    tern_coap_send_request(coap, &reg, bare_registered, NULL, NULL);
    double deadline = now_s() + 5;
    while (!g_bare_registered && now_s() < deadline) {
        struct pollfd fd = {*(const int *) avs_net_socket_get_system(socket),
                            POLLIN, 0};
        if (poll(&fd, 1, 20) > 0) {
            tern_coap_handle_incoming(coap);
        }
        avs_sched_run(sched);
    }
    bench_server_request_reads(&g_server, READ_MS);
    unsigned long count = wait_reads(NULL, coap);
    *out_heap_peak = g_heap_peak - before;
    tern_coap_ctx_delete(&coap);
    avs_net_socket_cleanup(&socket);
    avs_crypto_prng_free(&prng);
    avs_sched_cleanup(&sched);
    return (double) count * 1000.0 / READ_MS;
}

/* ---- size of tern-demo ------------------------------------------------ */

static void report_demo_size(const char *exe) {
    char dir[4096];
    ssize_t n = readlink("/proc/self/exe", dir, sizeof(dir) - 1);
    if (n <= 0) {
        return;
    }
    dir[n] = '\0';
    char *slash = strrchr(dir, '/');
    if (slash) {
        *slash = '\0';
    }
    char demo[4200];
    if (exe) {
        snprintf(demo, sizeof(demo), "%s", exe);
    } else {
        snprintf(demo, sizeof(demo), "%s/../../demo/tern-demo", dir);
    }
    struct stat st;
    if (stat(demo, &st)) {
        printf("tern-demo size: not built next to this program (%s)\n", demo);
        return;
    }
    char stripped[] = "/tmp/bench-tern-demo-XXXXXX";
    int fd = mkstemp(stripped);
    if (fd < 0) {
        return;
    }
    close(fd);
    char command[8500];
    snprintf(command, sizeof(command), "strip -o '%s' '%s' 2>/dev/null",
             stripped, demo);
    struct stat st_stripped;
    if (system(command) == 0 && !stat(stripped, &st_stripped)) {
        printf("tern-demo size: %.1f KiB stripped (%.1f KiB as built; Tern "
               "linked statically, OpenSSL shared; build type as configured)\n",
               st_stripped.st_size / 1024.0, st.st_size / 1024.0);
    }
    unlink(stripped);
}

int main(int argc, char **argv) {
    CRYPTO_set_mem_functions(ossl_malloc, ossl_realloc, ossl_free);
    avs_log_set_default_level(AVS_LOG_ERROR);
    if (!bench_server_start(&g_server)) {
        fprintf(stderr, "cannot start the libcoap server\n");
        return 1;
    }
    double nosec[RUNS], dtls[RUNS], handshake[RUNS];
    for (int i = 0; i < RUNS; ++i) {
        nosec[i] = time_to_register(false);
        dtls[i] = time_to_register(true);
        handshake[i] = bare_handshake();
        if (nosec[i] < 0 || dtls[i] < 0 || handshake[i] < 0) {
            fprintf(stderr, "run %d failed\n", i);
            bench_server_stop(&g_server);
            return 1;
        }
    }
    double m_nosec = median(nosec, RUNS);
    double m_dtls = median(dtls, RUNS);
    double m_hs = median(handshake, RUNS);
    printf("start to registered, NoSec:    %7.2f ms (median of %d)\n",
           m_nosec * 1e3, RUNS);
    printf("start to registered, DTLS-PSK: %7.2f ms (median of %d); bare "
           "DTLS handshake %.2f ms: ratio %.2f\n",
           m_dtls * 1e3, RUNS, m_hs * 1e3, m_dtls / m_hs);

    int64_t heap_lwm2m = 0, heap_bare = 0;
    double reads = lwm2m_reads_per_s(&heap_lwm2m);
    /* The bare responder answers with a payload as long as the client's. */
    g_payload_size = g_read_payload_size < sizeof(g_payload)
                             ? g_read_payload_size
                             : sizeof(g_payload);
    memset(g_payload, 0xA5, g_payload_size);
    double bare = bare_reads_per_s(&heap_bare);
    printf("Reads of /3/0 served: %8.0f /s (%u-byte payload); CoAP engine "
           "alone: %.0f /s: ratio %.2f\n",
           reads, (unsigned) g_payload_size, bare,
           bare > 0 ? reads / bare : 0.0);

    heap_reset_peak();
    int64_t before = g_heap_now;
    client_t client;
    client_start(&client, true);
    while (!client.registered) {
        client_step(client.anjay, 100);
    }
    int64_t heap_dtls = g_heap_peak - before;
    client_stop(&client);
    printf("heap peak, registered client: NoSec %.1f KiB, DTLS-PSK %.1f KiB "
           "(with OpenSSL); CoAP engine alone %.1f KiB: ratio %.2f\n",
           heap_lwm2m / 1024.0, heap_dtls / 1024.0, heap_bare / 1024.0,
           heap_bare > 0 ? (double) heap_lwm2m / (double) heap_bare : 0.0);
    report_demo_size(argc > 1 ? argv[1] : NULL);
    bench_server_stop(&g_server);
    return 0;
}
