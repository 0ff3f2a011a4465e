/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

#include "server_cmd.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "server_buf.h"
#include "server_clock.h"
#include "server_events.h"
#include "server_format.h"
#include "server_out.h"
#include "server_path.h"
#include "server_payload.h"
#include "server_registry.h"
#include "server_requests.h"

#define DEFAULT_WAIT_MS 30000u

typedef enum { IDLE, WAIT_REQUEST, WAIT_TIMER, WAIT_EVENT } state_t;

typedef struct line {
    struct line *next;
    char *text;
} line_t;

static line_t *g_head;
static line_t **g_tail = &g_head;
static state_t g_state = IDLE;
static uint64_t g_deadline_ms;
static srv_event_t g_wait_event;
static int g_quit;

/* Results of a command handler. */
enum { DONE = 0, PENDING = 1 };

void srv_cmd_enqueue(const char *text) {
    line_t *l = (line_t *) srv_xmalloc(sizeof(*l));
    l->text = srv_xstrdup(text);
    l->next = NULL;
    *g_tail = l;
    g_tail = &l->next;
}

static char *pop_line(void) {
    line_t *l = g_head;
    if (!l) {
        return NULL;
    }
    g_head = l->next;
    if (!g_head) {
        g_tail = &g_head;
    }
    char *text = l->text;
    free(l);
    return text;
}

static int is_space(char c) {
    return c == ' ' || c == '\t';
}

static char *next_word(char **p) {
    while (is_space(**p)) {
        ++*p;
    }
    if (!**p) {
        return NULL;
    }
    char *start = *p;
    while (**p && !is_space(**p)) {
        ++*p;
    }
    if (**p) {
        *(*p)++ = '\0';
    }
    return start;
}

static char *rest_of_line(char **p) {
    while (is_space(**p)) {
        ++*p;
    }
    return *p;
}

static void request_done(void *arg) {
    (void) arg;
    /* Only the state changes here: the next command starts from the main
     * loop, never from inside a libcoap callback. */
    g_state = IDLE;
}

/* ---- argument helpers --------------------------------------------------- */

static int usage(const char *text) {
    srv_out_line("ERR usage: %s", text);
    return DONE;
}

static int check_path(const char *path, int allow_root) {
    srv_path_t p;
    if (!path || srv_path_parse(path, &p) || (!allow_root && p.depth == 0)) {
        srv_out_line("ERR bad path '%s'", path ? path : "");
        return -1;
    }
    return 0;
}

static int parse_format(const char *text, int *out) {
    int ct = srv_format_parse(text);
    if (ct < 0) {
        srv_out_line("ERR unknown format '%s'", text);
        return -1;
    }
    *out = ct;
    return 0;
}

/* Seconds, fractions allowed; @p def_ms when absent. */
static int parse_seconds(const char *text, uint64_t def_ms, uint64_t *out) {
    if (!text) {
        *out = def_ms;
        return 0;
    }
    char *end;
    errno = 0;
    double s = strtod(text, &end);
    if (*end || errno || s < 0 || s > 86400) {
        srv_out_line("ERR bad number of seconds '%s'", text);
        return -1;
    }
    *out = (uint64_t) (s * 1000.0);
    return 0;
}

static int start(const srv_request_spec_t *spec) {
    char err[128];
    if (srv_request_start(spec, request_done, NULL, err, sizeof(err))) {
        srv_out_line("ERR %s", err);
        return DONE;
    }
    g_state = WAIT_REQUEST;
    return PENDING;
}

static srv_request_spec_t spec_of(const char *client, int bootstrap,
                                  coap_pdu_code_t code, const char *path) {
    srv_request_spec_t s;
    memset(&s, 0, sizeof(s));
    s.client = client;
    s.bootstrap = bootstrap;
    s.code = code;
    s.path = path;
    s.accept = SRV_CT_NONE;
    s.content_format = SRV_CT_NONE;
    return s;
}

/* ---- commands ----------------------------------------------------------- */

static int cmd_list(char *args) {
    (void) args;
    unsigned count = 0;
    for (srv_client_t *c = srv_registry_first(); c; c = c->next) {
        srv_buf_t line;
        srv_buf_init(&line);
        srv_buf_append_str(&line,
                           c->bootstrap ? "BOOTSTRAP-CLIENT " : "CLIENT ");
        srv_registry_describe(c, &line);
        srv_out_line("%s", srv_buf_cstr(&line));
        srv_buf_free(&line);
        count += !c->bootstrap;
    }
    srv_out_line("END %u", count);
    return DONE;
}

static int wait_for(srv_event_t ev, char *args) {
    uint64_t ms;
    if (parse_seconds(next_word(&args), DEFAULT_WAIT_MS, &ms)) {
        return DONE;
    }
    g_wait_event = ev;
    g_deadline_ms = srv_now_ms() + ms;
    g_state = WAIT_EVENT;
    return PENDING;
}

static int cmd_wait_register(char *a) {
    return wait_for(SRV_EV_REGISTERED, a);
}
static int cmd_wait_update(char *a) {
    return wait_for(SRV_EV_UPDATED, a);
}
static int cmd_wait_deregister(char *a) {
    return wait_for(SRV_EV_DEREGISTERED, a);
}
static int cmd_wait_expire(char *a) {
    return wait_for(SRV_EV_EXPIRED, a);
}
static int cmd_wait_bootstrap(char *a) {
    return wait_for(SRV_EV_BOOTSTRAP, a);
}
static int cmd_wait_notify(char *a) {
    return wait_for(SRV_EV_NOTIFY, a);
}
static int cmd_wait_send(char *a) {
    return wait_for(SRV_EV_SEND, a);
}

static int read_like(char *args, int bootstrap, const char *use) {
    char *client = next_word(&args);
    char *path = next_word(&args);
    char *accept = next_word(&args);
    if (!path) {
        return usage(use);
    }
    srv_request_spec_t s =
            spec_of(client, bootstrap, COAP_REQUEST_CODE_GET, path);
    if (check_path(path, bootstrap) ||
        (accept && parse_format(accept, &s.accept))) {
        return DONE;
    }
    return start(&s);
}

static int cmd_read(char *args) {
    return read_like(args, 0, "read <client> <path> [accept]");
}

static int cmd_bootstrap_read(char *args) {
    return read_like(args, 1, "bootstrap-read <client> <path> [accept]");
}

static int discover_like(char *args, int bootstrap, const char *use) {
    char *client = next_word(&args);
    char *path = next_word(&args);
    if (!client || (!path && !bootstrap)) {
        return usage(use);
    }
    if (!path) {
        path = "/";
    }
    if (check_path(path, bootstrap)) {
        return DONE;
    }
    srv_request_spec_t s =
            spec_of(client, bootstrap, COAP_REQUEST_CODE_GET, path);
    s.accept = SRV_CT_LINK;
    return start(&s);
}

static int cmd_discover(char *args) {
    return discover_like(args, 0, "discover <client> <path>");
}

static int cmd_bootstrap_discover(char *args) {
    return discover_like(args, 1, "bootstrap-discover <client> [path]");
}

/* write, write-partial, bootstrap-write and create share this: the value
 * (the rest of the line) becomes a payload of format @p ct. */
static int send_value(const char *client, int bootstrap, coap_pdu_code_t code,
                      const char *path, int ct, const char *value) {
    srv_buf_t payload;
    char err[128];
    srv_buf_init(&payload);
    if (srv_payload_build(ct, value, path, &payload, err, sizeof(err))) {
        srv_out_line("ERR %s", err);
        srv_buf_free(&payload);
        return DONE;
    }
    srv_request_spec_t s = spec_of(client, bootstrap, code, path);
    s.content_format = ct;
    s.payload = (const uint8_t *) payload.data;
    s.payload_len = payload.len;
    int result = start(&s);
    srv_buf_free(&payload);
    return result;
}

static int write_like(char *args, int bootstrap, coap_pdu_code_t code,
                      int fixed_ct, const char *use) {
    char *client = next_word(&args);
    char *path = next_word(&args);
    int ct = fixed_ct;
    if (!path) {
        return usage(use);
    }
    if (ct < 0) {
        char *format = next_word(&args);
        if (!format) {
            return usage(use);
        }
        if (parse_format(format, &ct)) {
            return DONE;
        }
    }
    char *value = rest_of_line(&args);
    if (!*value && ct != SRV_CT_TEXT && ct != SRV_CT_OPAQUE) {
        return usage(use);
    }
    if (check_path(path, 0)) {
        return DONE;
    }
    return send_value(client, bootstrap, code, path, ct, value);
}

static int cmd_write(char *a) {
    return write_like(a, 0, COAP_REQUEST_CODE_PUT, -1,
                      "write <client> <path> <format> <value>");
}
static int cmd_write_partial(char *a) {
    return write_like(a, 0, COAP_REQUEST_CODE_POST, -1,
                      "write-partial <client> <path> <format> <value>");
}
static int cmd_write_tlv(char *a) {
    return write_like(a, 0, COAP_REQUEST_CODE_PUT, SRV_CT_TLV,
                      "write-tlv <client> <path> <senml-json>");
}
static int cmd_write_senml_json(char *a) {
    return write_like(a, 0, COAP_REQUEST_CODE_PUT, SRV_CT_SENML_JSON,
                      "write-senml-json <client> <path> <senml-json>");
}
static int cmd_write_senml_cbor(char *a) {
    return write_like(a, 0, COAP_REQUEST_CODE_PUT, SRV_CT_SENML_CBOR,
                      "write-senml-cbor <client> <path> <senml-json>");
}
static int cmd_bootstrap_write(char *a) {
    return write_like(a, 1, COAP_REQUEST_CODE_PUT, -1,
                      "bootstrap-write <client> <path> <format> <value>");
}

static int cmd_create(char *args) {
    static const char *use = "create <client> <path> [format] <senml-json>";
    char *client = next_word(&args);
    char *path = next_word(&args);
    if (!path) {
        return usage(use);
    }
    char *value = rest_of_line(&args);
    int ct = SRV_CT_SENML_JSON;
    /* JSON starts with '[' or '{', never with a format name. */
    if (*value && *value != '[' && *value != '{') {
        char *format = next_word(&value);
        if (parse_format(format, &ct)) {
            return DONE;
        }
        value = rest_of_line(&value);
    }
    if (!*value) {
        return usage(use);
    }
    if (check_path(path, 0)) {
        return DONE;
    }
    return send_value(client, 0, COAP_REQUEST_CODE_POST, path, ct, value);
}

static int cmd_execute(char *args) {
    char *client = next_word(&args);
    char *path = next_word(&args);
    if (!path) {
        return usage("execute <client> <path> [args]");
    }
    if (check_path(path, 0)) {
        return DONE;
    }
    char *value = rest_of_line(&args);
    srv_request_spec_t s = spec_of(client, 0, COAP_REQUEST_CODE_POST, path);
    s.payload = (const uint8_t *) value;
    s.payload_len = strlen(value);
    return start(&s);
}

static int delete_like(char *args, int bootstrap, const char *use) {
    char *client = next_word(&args);
    char *path = next_word(&args);
    if (!client || (!path && !bootstrap)) {
        return usage(use);
    }
    if (!path) {
        path = "/";
    }
    if (check_path(path, bootstrap)) {
        return DONE;
    }
    srv_request_spec_t s =
            spec_of(client, bootstrap, COAP_REQUEST_CODE_DELETE, path);
    return start(&s);
}

static int cmd_delete(char *args) {
    return delete_like(args, 0, "delete <client> <path>");
}

static int cmd_bootstrap_delete(char *args) {
    return delete_like(args, 1, "bootstrap-delete <client> [path]");
}

static int cmd_bootstrap_finish(char *args) {
    char *client = next_word(&args);
    if (!client) {
        return usage("bootstrap-finish <client>");
    }
    srv_request_spec_t s = spec_of(client, 1, COAP_REQUEST_CODE_POST, "/bs");
    return start(&s);
}

static int cmd_write_attributes(char *args) {
    static const char *use = "write-attributes <client> <path> <query>";
    char *client = next_word(&args);
    char *path = next_word(&args);
    char *query = next_word(&args);
    if (!query) {
        return usage(use);
    }
    if (check_path(path, 0)) {
        return DONE;
    }
    srv_request_spec_t s = spec_of(client, 0, COAP_REQUEST_CODE_PUT, path);
    s.query = query;
    return start(&s);
}

static int cmd_observe(char *args) {
    char *client = next_word(&args);
    char *path = next_word(&args);
    char *accept = next_word(&args);
    if (!path) {
        return usage("observe <client> <path> [accept]");
    }
    srv_request_spec_t s = spec_of(client, 0, COAP_REQUEST_CODE_GET, path);
    if (check_path(path, 0) || (accept && parse_format(accept, &s.accept))) {
        return DONE;
    }
    char err[128];
    if (srv_observe_start(&s, request_done, NULL, err, sizeof(err))) {
        srv_out_line("ERR %s", err);
        return DONE;
    }
    g_state = WAIT_REQUEST;
    return PENDING;
}

static int cmd_cancel_observe(char *args) {
    static const char *use = "cancel-observe <client> <path> [get|rst]";
    char *client = next_word(&args);
    char *path = next_word(&args);
    char *mode = next_word(&args);
    if (!path ||
        (mode && strcmp(mode, "get") != 0 && strcmp(mode, "rst") != 0)) {
        return usage(use);
    }
    int use_rst = mode && strcmp(mode, "rst") == 0;
    char err[128];
    int result = srv_observe_cancel(client, path, use_rst, request_done, NULL,
                                    err, sizeof(err));
    if (result < 0) {
        srv_out_line("ERR %s", err);
        return DONE;
    }
    if (result > 0) {
        srv_out_line("OK cancel-observe %s %s rst", client, path);
        return DONE;
    }
    g_state = WAIT_REQUEST;
    return PENDING;
}

static int cmd_sleep(char *args) {
    char *ms = next_word(&args);
    char *end = NULL;
    unsigned long v = ms ? strtoul(ms, &end, 10) : 0;
    if (!ms || *end) {
        return usage("sleep <ms>");
    }
    g_deadline_ms = srv_now_ms() + v;
    g_state = WAIT_TIMER;
    return PENDING;
}

static int cmd_set(char *args) {
    static const char *use = "set timeout <s> | set block-size <bytes>";
    char *key = next_word(&args);
    char *value = next_word(&args);
    if (!value) {
        return usage(use);
    }
    if (strcmp(key, "timeout") == 0) {
        uint64_t ms;
        if (parse_seconds(value, 0, &ms)) {
            return DONE;
        }
        srv_requests_set_timeout(ms);
    } else if (strcmp(key, "block-size") == 0) {
        unsigned long size = strtoul(value, NULL, 10);
        if (size < 16 || size > 1024 || (size & (size - 1))) {
            srv_out_line("ERR block size is a power of two in 16..1024");
            return DONE;
        }
        srv_requests_set_block_size(size);
    } else {
        return usage(use);
    }
    srv_out_line("OK set %s %s", key, value);
    return DONE;
}

static int cmd_echo(char *args) {
    srv_out_line("%s", rest_of_line(&args));
    return DONE;
}

static int cmd_quit(char *args) {
    (void) args;
    g_quit = 1;
    return DONE;
}

static int cmd_help(char *args);

static const struct {
    const char *name;
    int (*fn)(char *args);
    const char *usage;
} COMMANDS[] = {
        {"list", cmd_list, "list"},
        {"read", cmd_read, "read <client> <path> [accept]"},
        {"discover", cmd_discover, "discover <client> <path>"},
        {"write", cmd_write, "write <client> <path> <format> <value>"},
        {"write-partial", cmd_write_partial,
         "write-partial <client> <path> <format> <value>"},
        {"write-tlv", cmd_write_tlv, "write-tlv <client> <path> <senml-json>"},
        {"write-senml-json", cmd_write_senml_json,
         "write-senml-json <client> <path> <senml-json>"},
        {"write-senml-cbor", cmd_write_senml_cbor,
         "write-senml-cbor <client> <path> <senml-json>"},
        {"write-attributes", cmd_write_attributes,
         "write-attributes <client> <path> <query>"},
        {"execute", cmd_execute, "execute <client> <path> [args]"},
        {"create", cmd_create, "create <client> <path> [format] <senml-json>"},
        {"delete", cmd_delete, "delete <client> <path>"},
        {"observe", cmd_observe, "observe <client> <path> [accept]"},
        {"cancel-observe", cmd_cancel_observe,
         "cancel-observe <client> <path> [get|rst]"},
        {"bootstrap-write", cmd_bootstrap_write,
         "bootstrap-write <client> <path> <format> <value>"},
        {"bootstrap-read", cmd_bootstrap_read,
         "bootstrap-read <client> <path> [accept]"},
        {"bootstrap-delete", cmd_bootstrap_delete,
         "bootstrap-delete <client> [path]"},
        {"bootstrap-discover", cmd_bootstrap_discover,
         "bootstrap-discover <client> [path]"},
        {"bootstrap-finish", cmd_bootstrap_finish, "bootstrap-finish <client>"},
        {"wait-register", cmd_wait_register, "wait-register [timeout_s]"},
        {"wait-update", cmd_wait_update, "wait-update [timeout_s]"},
        {"wait-deregister", cmd_wait_deregister, "wait-deregister [timeout_s]"},
        {"wait-expire", cmd_wait_expire, "wait-expire [timeout_s]"},
        {"wait-bootstrap", cmd_wait_bootstrap, "wait-bootstrap [timeout_s]"},
        {"wait-notify", cmd_wait_notify, "wait-notify [timeout_s]"},
        {"wait-send", cmd_wait_send, "wait-send [timeout_s]"},
        {"sleep", cmd_sleep, "sleep <ms>"},
        {"set", cmd_set, "set timeout <s> | set block-size <bytes>"},
        {"echo", cmd_echo, "echo <text>"},
        {"help", cmd_help, "help"},
        {"quit", cmd_quit, "quit"},
};

static int cmd_help(char *args) {
    (void) args;
    for (size_t i = 0; i < sizeof(COMMANDS) / sizeof(COMMANDS[0]); ++i) {
        srv_out_line("HELP %s", COMMANDS[i].usage);
    }
    return DONE;
}

static void execute(char *line) {
    char *p = line;
    char *name = next_word(&p);
    if (!name || name[0] == '#') {
        return;
    }
    for (size_t i = 0; i < sizeof(COMMANDS) / sizeof(COMMANDS[0]); ++i) {
        if (strcmp(name, COMMANDS[i].name) == 0) {
            COMMANDS[i].fn(p);
            return;
        }
    }
    srv_out_line("ERR unknown command '%s'", name);
}

void srv_cmd_run(uint64_t now_ms) {
    for (;;) {
        if (g_state == WAIT_TIMER) {
            if (now_ms < g_deadline_ms) {
                return;
            }
            g_state = IDLE;
        } else if (g_state == WAIT_EVENT) {
            if (srv_event_take(g_wait_event)) {
                g_state = IDLE;
            } else if (now_ms >= g_deadline_ms) {
                srv_out_line("ERR timeout");
                g_state = IDLE;
            } else {
                return;
            }
        } else if (g_state == WAIT_REQUEST) {
            return;
        }
        if (g_quit) {
            return;
        }
        char *line = pop_line();
        if (!line) {
            return;
        }
        execute(line);
        free(line);
    }
}

uint64_t srv_cmd_next_deadline(void) {
    if (g_state == WAIT_TIMER || g_state == WAIT_EVENT) {
        return g_deadline_ms;
    }
    return UINT64_MAX;
}

int srv_cmd_quit_requested(void) {
    return g_quit;
}

void srv_cmd_cleanup(void) {
    char *line;
    while ((line = pop_line())) {
        free(line);
    }
}
