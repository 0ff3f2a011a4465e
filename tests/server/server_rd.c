/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

#include "server_rd.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "server_buf.h"
#include "server_clock.h"
#include "server_coap.h"
#include "server_decode.h"
#include "server_events.h"
#include "server_format.h"
#include "server_link.h"
#include "server_out.h"
#include "server_registry.h"

/* A Register whose link list does not fit one datagram arrives in Block1
 * pieces; they are collected here per session. */
typedef struct upload {
    struct upload *next;
    coap_session_t *session;
    char *key;
    srv_buf_t body;
    uint64_t touched_ms;
} upload_t;

/* Responses remembered per (session, message id): a retransmitted Register
 * must get the same registration, not a second one. */
#define SEEN_SLOTS 32
typedef struct {
    const coap_session_t *session;
    coap_mid_t mid;
    uint64_t at_ms;
    coap_pdu_code_t code;
    char location[16];
} seen_t;

#define UPLOAD_IDLE_MS 60000u
/* RFC 7252 EXCHANGE_LIFETIME: after it, a message id may come back as a new
 * message. */
#define EXCHANGE_LIFETIME_MS 247000u
#define MAX_UPLOAD 65536u

static int g_bootstrap;
static upload_t *g_uploads;
static seen_t g_seen[SEEN_SLOTS];
static unsigned g_seen_next;

typedef struct {
    const char *ep;
    const char *lt;
    const char *lwm2m;
    const char *b;
    int queue;
} query_t;

/* Splits "ep=x&lt=60&Q" in place. */
static void parse_query(char *text, query_t *q) {
    memset(q, 0, sizeof(*q));
    for (char *item = strtok(text, "&"); item; item = strtok(NULL, "&")) {
        char *eq = strchr(item, '=');
        const char *value = "";
        if (eq) {
            *eq = '\0';
            value = eq + 1;
        }
        if (strcmp(item, "ep") == 0) {
            q->ep = value;
        } else if (strcmp(item, "lt") == 0) {
            q->lt = value;
        } else if (strcmp(item, "lwm2m") == 0) {
            q->lwm2m = value;
        } else if (strcmp(item, "b") == 0) {
            q->b = value;
        } else if (strcmp(item, "Q") == 0) {
            q->queue = 1;
        }
    }
}

static int valid_ep(const char *ep) {
    if (!ep || !*ep || strlen(ep) > 255) {
        return 0;
    }
    for (const char *p = ep; *p; ++p) {
        if ((unsigned char) *p <= 0x20 || *p == 0x7f) {
            return 0;
        }
    }
    return 1;
}

static int parse_lifetime(const char *text, unsigned long *out) {
    if (!text || !*text || strspn(text, "0123456789") != strlen(text) ||
        strlen(text) > 9) {
        return -1;
    }
    *out = strtoul(text, NULL, 10);
    return *out > 0 ? 0 : -1;
}

/* LwM2M 1.0 bindings ("U", "UQ", "S", "UQS") and 1.1 ones ("UT", "N"). */
static int valid_binding(const char *b) {
    return b && *b && strlen(b) <= 8 && strspn(b, "UTSNQ") == strlen(b);
}

static int valid_version(const char *v) {
    return strcmp(v, "1.0") == 0 || strcmp(v, "1.1") == 0 ||
           strcmp(v, "1.2") == 0;
}

/* Checks and normalizes a Register/Update link list into @p out. */
static int parse_links(const uint8_t *data, size_t len, srv_buf_t *out) {
    srv_links_t links;
    char err[96];
    if (srv_link_parse((const char *) data, len, &links, err, sizeof(err))) {
        srv_diag("bad link list: %s", err);
        return -1;
    }
    int result = 0;
    for (size_t i = 0; i < links.count; ++i) {
        if (links.items[i].uri[0] != '/') {
            srv_diag("bad link '%s': not a path", links.items[i].uri);
            result = -1;
        }
    }
    if (!result) {
        srv_links_render(&links, out);
    }
    srv_links_free(&links);
    return result;
}

static void event_line(srv_event_t ev, const char *what,
                       const srv_client_t *c) {
    srv_buf_t line;
    srv_buf_init(&line);
    srv_buf_printf(&line, "%s ", what);
    srv_registry_describe(c, &line);
    srv_event_emit(ev, srv_buf_cstr(&line));
    srv_buf_free(&line);
}

static void report_peer(const char *what, const srv_client_t *c) {
    char peer[96];
    srv_session_describe(c->session, peer, sizeof(peer));
    srv_diag("%s %s (ep %s) from %s", what, c->name, c->ep, peer);
}

static coap_pdu_code_t do_register(coap_session_t *session, query_t *q,
                                   const uint8_t *data, size_t len,
                                   char location[16]) {
    unsigned long lt = 86400;
    const char *version = q->lwm2m ? q->lwm2m : "1.0";
    const char *binding = q->b ? q->b : "U";
    if (!valid_ep(q->ep)) {
        srv_diag("Register without a valid ep");
        return COAP_RESPONSE_CODE(400);
    }
    if (q->lt && parse_lifetime(q->lt, &lt)) {
        srv_diag("Register with bad lt '%s'", q->lt);
        return COAP_RESPONSE_CODE(400);
    }
    if (!valid_binding(binding)) {
        srv_diag("Register with bad binding '%s'", binding);
        return COAP_RESPONSE_CODE(400);
    }
    if (!valid_version(version)) {
        srv_diag("Register with unsupported lwm2m=%s", version);
        return COAP_RESPONSE_CODE(412);
    }
    srv_buf_t links;
    srv_buf_init(&links);
    if (parse_links(data, len, &links)) {
        srv_buf_free(&links);
        return COAP_RESPONSE_CODE(400);
    }
    /* A new Register from a known endpoint replaces its registration. */
    srv_client_t *old = srv_registry_find_ep(q->ep, 0);
    if (old) {
        srv_registry_remove(old);
    }
    srv_client_t *c = srv_registry_add(0, q->ep, session);
    c->lifetime = lt;
    free(c->version);
    c->version = srv_xstrdup(version);
    free(c->binding);
    c->binding = srv_xstrdup(binding);
    free(c->links);
    c->links = srv_xstrdup(srv_buf_cstr(&links));
    srv_buf_free(&links);
    c->queue_mode = q->queue || strchr(binding, 'Q') != NULL;
    srv_registry_touch(c, srv_now_ms());
    snprintf(location, 16, "%s", c->name);
    report_peer("registered", c);
    event_line(SRV_EV_REGISTERED, "REGISTERED", c);
    return COAP_RESPONSE_CODE(201);
}

static coap_pdu_code_t do_update(coap_session_t *session, const char *id,
                                 query_t *q, const uint8_t *data, size_t len) {
    srv_client_t *c = srv_registry_find(id, 0);
    if (!c || strcmp(c->name, id) != 0) {
        srv_diag("Update of unknown registration '%s'", id);
        return COAP_RESPONSE_CODE(404);
    }
    unsigned long lt = c->lifetime;
    if (q->lt && parse_lifetime(q->lt, &lt)) {
        return COAP_RESPONSE_CODE(400);
    }
    if (q->b && !valid_binding(q->b)) {
        return COAP_RESPONSE_CODE(400);
    }
    srv_buf_t links;
    srv_buf_init(&links);
    if (len > 0 && parse_links(data, len, &links)) {
        srv_buf_free(&links);
        return COAP_RESPONSE_CODE(400);
    }
    c->lifetime = lt;
    if (q->b) {
        free(c->binding);
        c->binding = srv_xstrdup(q->b);
    }
    if (len > 0) {
        free(c->links);
        c->links = srv_xstrdup(srv_buf_cstr(&links));
    }
    srv_buf_free(&links);
    srv_registry_set_session(c, session);
    srv_registry_touch(c, srv_now_ms());
    event_line(SRV_EV_UPDATED, "UPDATED", c);
    return COAP_RESPONSE_CODE(204);
}

static coap_pdu_code_t do_deregister(const char *id) {
    srv_client_t *c = srv_registry_find(id, 0);
    if (!c || strcmp(c->name, id) != 0) {
        srv_diag("De-register of unknown registration '%s'", id);
        return COAP_RESPONSE_CODE(404);
    }
    srv_buf_t line;
    srv_buf_init(&line);
    srv_buf_printf(&line, "DEREGISTERED %s ep=", c->name);
    srv_buf_append_escaped(&line, c->ep, strlen(c->ep));
    srv_registry_remove(c);
    srv_event_emit(SRV_EV_DEREGISTERED, srv_buf_cstr(&line));
    srv_buf_free(&line);
    return COAP_RESPONSE_CODE(202);
}

static coap_pdu_code_t do_bootstrap(coap_session_t *session, query_t *q) {
    if (!g_bootstrap) {
        srv_diag("Bootstrap-Request, but --bootstrap is off");
        return COAP_RESPONSE_CODE(404);
    }
    if (!valid_ep(q->ep)) {
        return COAP_RESPONSE_CODE(400);
    }
    srv_client_t *old = srv_registry_find_ep(q->ep, 1);
    if (old) {
        srv_registry_remove(old);
    }
    srv_client_t *c = srv_registry_add(1, q->ep, session);
    report_peer("bootstrap request", c);
    event_line(SRV_EV_BOOTSTRAP, "BOOTSTRAP-REQUEST", c);
    return COAP_RESPONSE_CODE(204);
}

static coap_pdu_code_t do_send(coap_session_t *session,
                               const coap_pdu_t *request, const uint8_t *data,
                               size_t len) {
    srv_client_t *c = srv_registry_find_by_session(session, 0);
    if (!c) {
        srv_diag("Send from a session without registration");
        return COAP_RESPONSE_CODE(404);
    }
    uint32_t ct = 0;
    int has_ct = srv_opt_uint(request, COAP_OPTION_CONTENT_FORMAT, &ct);
    srv_buf_t line;
    srv_buf_init(&line);
    srv_buf_printf(&line, "SEND %s ct=", c->name);
    if (has_ct) {
        srv_buf_printf(&line, "%u", (unsigned) ct);
    } else {
        srv_buf_append_str(&line, "none");
    }
    if (len) {
        srv_buf_append_byte(&line, ' ');
        srv_decode_render(has_ct ? (int) ct : SRV_CT_NONE, data, len, "/",
                          &line);
    }
    srv_event_emit(SRV_EV_SEND, srv_buf_cstr(&line));
    srv_buf_free(&line);
    return COAP_RESPONSE_CODE(204);
}

static void drop_upload(upload_t *u) {
    for (upload_t **p = &g_uploads; *p; p = &(*p)->next) {
        if (*p == u) {
            *p = u->next;
            break;
        }
    }
    srv_buf_free(&u->body);
    free(u->key);
    free(u);
}

static void drop_idle_uploads(uint64_t now) {
    upload_t *u = g_uploads;
    while (u) {
        upload_t *next = u->next;
        if (now - u->touched_ms > UPLOAD_IDLE_MS) {
            drop_upload(u);
        }
        u = next;
    }
}

/*
 * Collects a Block1 request. Returns 1 when the body is complete (then
 * *out owns it), 0 when a 2.31 or an error went into @p response.
 */
static int collect_blocks(coap_session_t *session, const char *key,
                          const srv_block_t *blk, const uint8_t *data,
                          size_t len, coap_pdu_t *response, upload_t **out) {
    uint64_t now = srv_now_ms();
    drop_idle_uploads(now);
    upload_t *u = g_uploads;
    while (u && (u->session != session || strcmp(u->key, key) != 0)) {
        u = u->next;
    }
    if (blk->num == 0) {
        if (u) {
            drop_upload(u);
        }
        u = (upload_t *) srv_xmalloc(sizeof(*u));
        u->session = session;
        u->key = srv_xstrdup(key);
        srv_buf_init(&u->body);
        u->next = g_uploads;
        g_uploads = u;
    }
    if (!u || (size_t) blk->num * srv_block_size(blk->szx) != u->body.len ||
        u->body.len + len > MAX_UPLOAD) {
        if (u) {
            drop_upload(u);
        }
        coap_pdu_set_code(response, COAP_RESPONSE_CODE(408));
        return 0;
    }
    srv_buf_append(&u->body, data, len);
    u->touched_ms = now;
    srv_opt_add_block(response, COAP_OPTION_BLOCK1, blk);
    if (blk->more) {
        coap_pdu_set_code(response, COAP_RESPONSE_CODE(231));
        return 0;
    }
    *out = u;
    return 1;
}

static seen_t *find_seen(const coap_session_t *session, coap_mid_t mid) {
    uint64_t now = srv_now_ms();
    for (unsigned i = 0; i < SEEN_SLOTS; ++i) {
        if (g_seen[i].session == session && g_seen[i].mid == mid &&
            now - g_seen[i].at_ms < EXCHANGE_LIFETIME_MS) {
            return &g_seen[i];
        }
    }
    return NULL;
}

static void add_location(coap_pdu_t *response, const char *location) {
    coap_add_option(response, COAP_OPTION_LOCATION_PATH, 2,
                    (const uint8_t *) "rd");
    coap_add_option(response, COAP_OPTION_LOCATION_PATH, strlen(location),
                    (const uint8_t *) location);
}

static void on_request(coap_resource_t *resource, coap_session_t *session,
                       const coap_pdu_t *request, const coap_string_t *query,
                       coap_pdu_t *response) {
    (void) resource;
    coap_mid_t mid = coap_pdu_get_mid(request);
    int dedup = coap_pdu_get_type(request) == COAP_MESSAGE_CON &&
                COAP_PROTO_NOT_RELIABLE(coap_session_get_proto(session));
    seen_t *seen = dedup ? find_seen(session, mid) : NULL;
    if (seen) {
        coap_pdu_set_code(response, seen->code);
        if (seen->location[0]) {
            add_location(response, seen->location);
        }
        return;
    }

    coap_string_t *uri = coap_get_uri_path(request);
    char path[64] = "";
    if (uri && uri->length < sizeof(path)) {
        memcpy(path, uri->s, uri->length);
        path[uri->length] = '\0';
    }
    coap_delete_string(uri);
    char *qtext = srv_xstrndup(query ? (const char *) query->s : "",
                               query ? query->length : 0);
    size_t len = 0;
    const uint8_t *data = NULL;
    coap_get_data(request, &len, &data);

    /* Reassemble first: every handler below sees the whole body. */
    upload_t *upload = NULL;
    srv_block_t blk;
    if (srv_opt_block(request, COAP_OPTION_BLOCK1, &blk)) {
        char key[192];
        snprintf(key, sizeof(key), "%d %s?%s", (int) coap_pdu_get_code(request),
                 path, qtext);
        if (!collect_blocks(session, key, &blk, data, len, response, &upload)) {
            free(qtext);
            return;
        }
        data = (const uint8_t *) upload->body.data;
        len = upload->body.len;
    }

    query_t q;
    parse_query(qtext, &q);
    coap_pdu_code_t method = coap_pdu_get_code(request);
    coap_pdu_code_t code = COAP_RESPONSE_CODE(404);
    char location[16] = "";
    uint32_t ct;
    if (strcmp(path, "rd") == 0) {
        code = COAP_RESPONSE_CODE(405);
        if (method == COAP_REQUEST_CODE_POST) {
            if (srv_opt_uint(request, COAP_OPTION_CONTENT_FORMAT, &ct) &&
                ct != SRV_CT_LINK) {
                code = COAP_RESPONSE_CODE(415);
            } else {
                code = do_register(session, &q, data, len, location);
            }
        }
    } else if (strncmp(path, "rd/", 3) == 0 && path[3] &&
               !strchr(path + 3, '/')) {
        code = COAP_RESPONSE_CODE(405);
        if (method == COAP_REQUEST_CODE_POST) {
            code = do_update(session, path + 3, &q, data, len);
        } else if (method == COAP_REQUEST_CODE_DELETE) {
            code = do_deregister(path + 3);
        }
    } else if (strcmp(path, "bs") == 0) {
        code = method == COAP_REQUEST_CODE_POST ? do_bootstrap(session, &q)
                                                : COAP_RESPONSE_CODE(405);
    } else if (strcmp(path, "dp") == 0) {
        code = method == COAP_REQUEST_CODE_POST
                       ? do_send(session, request, data, len)
                       : COAP_RESPONSE_CODE(405);
    }
    coap_pdu_set_code(response, code);
    if (location[0]) {
        add_location(response, location);
    }
    if (upload) {
        drop_upload(upload);
    }
    free(qtext);
    if (dedup) {
        seen_t *slot = &g_seen[g_seen_next++ % SEEN_SLOTS];
        slot->session = session;
        slot->mid = mid;
        slot->at_ms = srv_now_ms();
        slot->code = code;
        snprintf(slot->location, sizeof(slot->location), "%s", location);
    }
}

int srv_rd_init(coap_context_t *ctx, int bootstrap) {
    g_bootstrap = bootstrap;
    coap_resource_t *r = coap_resource_unknown_init2(on_request, 0);
    if (!r) {
        return -1;
    }
    coap_register_request_handler(r, COAP_REQUEST_POST, on_request);
    coap_register_request_handler(r, COAP_REQUEST_GET, on_request);
    coap_register_request_handler(r, COAP_REQUEST_DELETE, on_request);
    coap_register_request_handler(r, COAP_REQUEST_FETCH, on_request);
    coap_register_request_handler(r, COAP_REQUEST_IPATCH, on_request);
    coap_add_resource(ctx, r);
    return 0;
}

void srv_rd_cleanup(void) {
    while (g_uploads) {
        drop_upload(g_uploads);
    }
    memset(g_seen, 0, sizeof(g_seen));
}
