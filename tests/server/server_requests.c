/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

#include "server_requests.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "server_buf.h"
#include "server_clock.h"
#include "server_coap.h"
#include "server_decode.h"
#include "server_events.h"
#include "server_format.h"
#include "server_out.h"

#define TOKEN_LEN 8

typedef enum {
    /* A command's request: its final response prints RESPONSE. */
    KIND_PLAIN,
    /* GET with Observe 0: also sets up the observation. */
    KIND_OBSERVE,
    /* GET with Observe 1 on the observation's token. */
    KIND_CANCEL,
    /* Fetches the remaining blocks of a notification: prints NOTIFY. */
    KIND_NOTIFY_REST
} kind_t;

typedef enum { OBS_PENDING, OBS_ACTIVE, OBS_CANCELLED } obs_state_t;

typedef struct observation {
    struct observation *next;
    char client[16];
    char *path;
    int accept;
    uint8_t token[TOKEN_LEN];
    obs_state_t state;
} observation_t;

typedef struct request {
    struct request *next;
    kind_t kind;
    char client[16];
    int bootstrap;
    coap_pdu_code_t code;
    char *path;
    char *query;
    int accept;
    int content_format;
    uint8_t *payload;
    size_t payload_len;
    uint8_t token[TOKEN_LEN];
    /* Block1 upload state: next byte to send and the block size. */
    int block1;
    size_t b1_offset;
    size_t b1_sent;
    unsigned b1_szx;
    /* Block2 download state. */
    srv_buf_t body;
    /* For notifications: their Observe value and Content-Format. */
    int has_seq;
    uint32_t seq;
    /* The observation this request sets up, cancels or completes. */
    uint8_t obs_token[TOKEN_LEN];
    uint64_t deadline_ms;
    srv_request_done_t done;
    void *arg;
} request_t;

static request_t *g_requests;
static observation_t *g_observations;
static uint64_t g_timeout_ms = 10000;
static size_t g_block_size = 1024;
static uint64_t g_token_counter;

static void new_token(uint8_t out[TOKEN_LEN]) {
    uint64_t v = ++g_token_counter;
    for (int i = 0; i < TOKEN_LEN; ++i) {
        out[i] = (uint8_t) (v >> (8 * (TOKEN_LEN - 1 - i)));
    }
}

static unsigned szx_of(size_t size) {
    unsigned szx = 0;
    while (szx < 6 && srv_block_size(szx) < size) {
        ++szx;
    }
    return szx;
}

void srv_requests_set_timeout(uint64_t timeout_ms) {
    g_timeout_ms = timeout_ms;
}

void srv_requests_set_block_size(size_t size) {
    g_block_size = size;
}

static coap_session_t *session_of(const request_t *r) {
    srv_client_t *c = srv_registry_find(r->client, r->bootstrap);
    return c ? c->session : NULL;
}

static void add_path(coap_pdu_t *pdu, const char *path) {
    const char *p = path;
    while (*p) {
        while (*p == '/') {
            ++p;
        }
        const char *end = strchr(p, '/');
        size_t len = end ? (size_t) (end - p) : strlen(p);
        if (len) {
            coap_add_option(pdu, COAP_OPTION_URI_PATH, len,
                            (const uint8_t *) p);
        }
        p += len;
    }
}

static void add_query(coap_pdu_t *pdu, const char *query) {
    const char *p = query;
    while (p && *p) {
        const char *end = strchr(p, '&');
        size_t len = end ? (size_t) (end - p) : strlen(p);
        if (len) {
            coap_add_option(pdu, COAP_OPTION_URI_QUERY, len,
                            (const uint8_t *) p);
        }
        p = end ? end + 1 : NULL;
    }
}

/*
 * Builds and sends one message of @p r. @p observe is -1 for none;
 * @p block2 asks for a later block of the response.
 */
static int send_message(request_t *r, const uint8_t *token, int observe,
                        const srv_block_t *block2) {
    coap_session_t *session = session_of(r);
    if (!session) {
        return -1;
    }
    coap_pdu_t *pdu = coap_pdu_init(COAP_MESSAGE_CON, r->code,
                                    coap_new_message_id(session),
                                    coap_session_max_pdu_size(session));
    if (!pdu) {
        return -1;
    }
    coap_add_token(pdu, TOKEN_LEN, token);
    /* Options go in ascending number order. */
    if (observe >= 0) {
        srv_opt_add_uint(pdu, COAP_OPTION_OBSERVE, (uint32_t) observe);
    }
    add_path(pdu, r->path);
    if (r->content_format != SRV_CT_NONE && !block2) {
        srv_opt_add_uint(pdu, COAP_OPTION_CONTENT_FORMAT,
                         (uint32_t) r->content_format);
    }
    add_query(pdu, r->query);
    if (r->accept != SRV_CT_NONE) {
        srv_opt_add_uint(pdu, COAP_OPTION_ACCEPT, (uint32_t) r->accept);
    }
    if (block2) {
        srv_opt_add_block(pdu, COAP_OPTION_BLOCK2, block2);
    }
    const uint8_t *data = r->payload;
    size_t len = block2 ? 0 : r->payload_len;
    if (r->block1 && !block2) {
        size_t size = srv_block_size(r->b1_szx);
        srv_block_t b1 = {(uint32_t) (r->b1_offset / size), 0, r->b1_szx};
        len = r->payload_len - r->b1_offset;
        if (len > size) {
            len = size;
            b1.more = 1;
        }
        data = r->payload + r->b1_offset;
        srv_opt_add_block(pdu, COAP_OPTION_BLOCK1, &b1);
        if (r->b1_offset == 0) {
            srv_opt_add_uint(pdu, COAP_OPTION_SIZE1, (uint32_t) r->payload_len);
        }
        r->b1_sent = len;
    }
    if (len && !coap_add_data(pdu, len, data)) {
        coap_delete_pdu(pdu);
        return -1;
    }
    if (coap_send(session, pdu) == COAP_INVALID_MID) {
        return -1;
    }
    r->deadline_ms = srv_now_ms() + g_timeout_ms;
    return 0;
}

static void free_request(request_t *r) {
    for (request_t **p = &g_requests; *p; p = &(*p)->next) {
        if (*p == r) {
            *p = r->next;
            break;
        }
    }
    free(r->path);
    free(r->query);
    free(r->payload);
    srv_buf_free(&r->body);
    free(r);
}

static void free_observation(observation_t *o) {
    for (observation_t **p = &g_observations; *p; p = &(*p)->next) {
        if (*p == o) {
            *p = o->next;
            break;
        }
    }
    free(o->path);
    free(o);
}

static observation_t *find_observation(const uint8_t *token, size_t len) {
    if (len != TOKEN_LEN) {
        return NULL;
    }
    for (observation_t *o = g_observations; o; o = o->next) {
        if (memcmp(o->token, token, TOKEN_LEN) == 0) {
            return o;
        }
    }
    return NULL;
}

static request_t *find_request(const uint8_t *token, size_t len) {
    if (len != TOKEN_LEN) {
        return NULL;
    }
    for (request_t *r = g_requests; r; r = r->next) {
        if (memcmp(r->token, token, TOKEN_LEN) == 0) {
            return r;
        }
    }
    return NULL;
}

/* Ends a request with its result line; the command waiting on it may go
 * on once done() has run. */
static void finish(request_t *r, const char *fmt, ...)
        __attribute__((format(printf, 2, 3)));
static void finish(request_t *r, const char *fmt, ...) {
    if (fmt) {
        srv_buf_t line;
        srv_buf_init(&line);
        va_list ap;
        va_start(ap, fmt);
        srv_buf_vprintf(&line, fmt, ap);
        va_end(ap);
        srv_out_line("%s", srv_buf_cstr(&line));
        srv_buf_free(&line);
    }
    srv_request_done_t done = r->done;
    void *arg = r->arg;
    free_request(r);
    if (done) {
        done(arg);
    }
}

static request_t *new_request(const srv_request_spec_t *spec, kind_t kind,
                              char *err, size_t err_size) {
    srv_client_t *c = srv_registry_find(spec->client, spec->bootstrap);
    if (!c) {
        snprintf(err, err_size, "no such %sclient '%s'",
                 spec->bootstrap ? "bootstrap " : "", spec->client);
        return NULL;
    }
    request_t *r = (request_t *) srv_xmalloc(sizeof(*r));
    memset(r, 0, sizeof(*r));
    r->kind = kind;
    snprintf(r->client, sizeof(r->client), "%s", c->name);
    r->bootstrap = spec->bootstrap;
    r->code = spec->code;
    r->path = srv_xstrdup(spec->path);
    r->query = spec->query ? srv_xstrdup(spec->query) : NULL;
    r->accept = spec->accept;
    r->content_format = spec->content_format;
    if (spec->payload_len) {
        r->payload = (uint8_t *) srv_xmalloc(spec->payload_len);
        memcpy(r->payload, spec->payload, spec->payload_len);
        r->payload_len = spec->payload_len;
    }
    r->block1 = r->payload_len > g_block_size;
    r->b1_szx = szx_of(g_block_size);
    srv_buf_init(&r->body);
    new_token(r->token);
    r->next = g_requests;
    g_requests = r;
    return r;
}

int srv_request_start(const srv_request_spec_t *spec, srv_request_done_t done,
                      void *arg, char *err, size_t err_size) {
    request_t *r = new_request(spec, KIND_PLAIN, err, err_size);
    if (!r) {
        return -1;
    }
    r->done = done;
    r->arg = arg;
    if (send_message(r, r->token, -1, NULL)) {
        snprintf(err, err_size, "cannot send to '%s'", spec->client);
        free_request(r);
        return -1;
    }
    return 0;
}

int srv_observe_start(const srv_request_spec_t *spec, srv_request_done_t done,
                      void *arg, char *err, size_t err_size) {
    request_t *r = new_request(spec, KIND_OBSERVE, err, err_size);
    if (!r) {
        return -1;
    }
    r->done = done;
    r->arg = arg;
    /* The observation exists from the start: a notification may overtake
     * the last block of the first response. */
    observation_t *o = (observation_t *) srv_xmalloc(sizeof(*o));
    memset(o, 0, sizeof(*o));
    snprintf(o->client, sizeof(o->client), "%s", r->client);
    o->path = srv_xstrdup(spec->path);
    o->accept = spec->accept;
    memcpy(o->token, r->token, TOKEN_LEN);
    o->state = OBS_PENDING;
    o->next = g_observations;
    g_observations = o;
    memcpy(r->obs_token, r->token, TOKEN_LEN);
    if (send_message(r, r->token, 0, NULL)) {
        snprintf(err, err_size, "cannot send to '%s'", spec->client);
        free_observation(o);
        free_request(r);
        return -1;
    }
    return 0;
}

int srv_observe_cancel(const char *client, const char *path, int use_rst,
                       srv_request_done_t done, void *arg, char *err,
                       size_t err_size) {
    srv_client_t *c = srv_registry_find(client, 0);
    observation_t *o = NULL;
    /* The list is newest first. */
    for (observation_t *it = g_observations; c && it; it = it->next) {
        if (strcmp(it->client, c->name) == 0 && strcmp(it->path, path) == 0 &&
            it->state != OBS_CANCELLED) {
            o = it;
            break;
        }
    }
    if (!o) {
        snprintf(err, err_size, "no observation of %s on '%s'", path, client);
        return -1;
    }
    if (use_rst) {
        o->state = OBS_CANCELLED;
        return 1;
    }
    srv_request_spec_t spec = {c->name,     0,    COAP_REQUEST_CODE_GET,
                               o->path,     NULL, o->accept,
                               SRV_CT_NONE, NULL, 0};
    request_t *r = new_request(&spec, KIND_CANCEL, err, err_size);
    if (!r) {
        return -1;
    }
    r->done = done;
    r->arg = arg;
    /* Observe 1 must carry the token of the observation it ends. */
    memcpy(r->token, o->token, TOKEN_LEN);
    memcpy(r->obs_token, o->token, TOKEN_LEN);
    if (send_message(r, r->token, 1, NULL)) {
        snprintf(err, err_size, "cannot send to '%s'", client);
        free_request(r);
        return -1;
    }
    return 0;
}

static void append_location(const coap_pdu_t *pdu, srv_buf_t *out) {
    coap_opt_iterator_t it;
    coap_opt_t *opt;
    int any = 0;
    coap_option_iterator_init(pdu, &it, COAP_OPT_ALL);
    while ((opt = coap_option_next(&it))) {
        if (it.number == COAP_OPTION_LOCATION_PATH) {
            srv_buf_append_str(out, any ? "/" : " location=/");
            srv_buf_append_escaped(out, coap_opt_value(opt),
                                   coap_opt_length(opt));
            any = 1;
        }
    }
}

static void append_ct(srv_buf_t *line, int has_ct, uint32_t ct) {
    if (has_ct) {
        srv_buf_printf(line, " ct=%u", (unsigned) ct);
    } else {
        srv_buf_append_str(line, " ct=none");
    }
}

static void print_notify(const observation_t *o, coap_pdu_code_t code,
                         int has_seq, uint32_t seq, int has_ct, uint32_t ct,
                         const uint8_t *data, size_t len) {
    srv_buf_t line;
    srv_buf_init(&line);
    srv_buf_printf(&line, "NOTIFY %s %s seq=", o->client, o->path);
    if (has_seq) {
        srv_buf_printf(&line, "%u", (unsigned) seq);
    } else {
        srv_buf_append_byte(&line, '-');
    }
    append_ct(&line, has_ct, ct);
    if (code != COAP_RESPONSE_CODE(205)) {
        char text[8];
        srv_code_format(code, text);
        srv_buf_printf(&line, " code=%s", text);
    }
    if (len) {
        srv_buf_append_byte(&line, ' ');
        srv_decode_render(has_ct ? (int) ct : SRV_CT_NONE, data, len, o->path,
                          &line);
    }
    srv_event_emit(SRV_EV_NOTIFY, srv_buf_cstr(&line));
    srv_buf_free(&line);
}

/* The final (or only) response of a request. */
static void complete(request_t *r, const coap_pdu_t *received) {
    coap_pdu_code_t code = coap_pdu_get_code(received);
    uint32_t ct = 0;
    int has_ct = srv_opt_uint(received, COAP_OPTION_CONTENT_FORMAT, &ct);
    observation_t *o = find_observation(r->obs_token, TOKEN_LEN);

    if (r->kind == KIND_NOTIFY_REST) {
        if (o && COAP_RESPONSE_CLASS(code) == 2) {
            print_notify(o, COAP_RESPONSE_CODE(205), r->has_seq, r->seq, has_ct,
                         ct, (const uint8_t *) r->body.data, r->body.len);
        }
        finish(r, NULL);
        return;
    }
    if (r->kind == KIND_OBSERVE && o) {
        if (COAP_RESPONSE_CLASS(code) == 2 && r->has_seq) {
            o->state = OBS_ACTIVE;
        } else {
            if (COAP_RESPONSE_CLASS(code) == 2) {
                srv_diag("%s answered without Observe: not observing %s",
                         r->client, r->path);
            }
            free_observation(o);
        }
    } else if (r->kind == KIND_CANCEL && o) {
        free_observation(o);
    }
    srv_buf_t line;
    srv_buf_init(&line);
    char text[8];
    srv_code_format(code, text);
    srv_buf_printf(&line, "RESPONSE %s", text);
    append_ct(&line, has_ct, ct);
    append_location(received, &line);
    if (r->body.len) {
        srv_buf_append_byte(&line, ' ');
        srv_decode_render(has_ct ? (int) ct : SRV_CT_NONE,
                          (const uint8_t *) r->body.data, r->body.len, r->path,
                          &line);
    }
    finish(r, "%s", srv_buf_cstr(&line));
    srv_buf_free(&line);
}

static coap_response_t on_request_response(request_t *r,
                                           const coap_pdu_t *received) {
    coap_pdu_code_t code = coap_pdu_get_code(received);
    srv_block_t blk;
    size_t len = 0;
    const uint8_t *data = NULL;
    coap_get_data(received, &len, &data);

    if (r->block1 && code == COAP_RESPONSE_CODE(231) &&
        srv_opt_block(received, COAP_OPTION_BLOCK1, &blk)) {
        /* The device may ask for smaller blocks; the data sent so far is
         * a multiple of any smaller size. */
        r->b1_offset += r->b1_sent;
        if (blk.szx < r->b1_szx) {
            r->b1_szx = blk.szx;
        }
        if (r->b1_offset >= r->payload_len ||
            send_message(r, r->token, -1, NULL)) {
            finish(r, "ERR block-wise upload failed");
        }
        return COAP_RESPONSE_OK;
    }
    if (r->kind == KIND_OBSERVE && !r->has_seq && r->body.len == 0) {
        uint32_t seq;
        if (srv_opt_uint(received, COAP_OPTION_OBSERVE, &seq)) {
            r->has_seq = 1;
            r->seq = seq;
        }
    }
    if (COAP_RESPONSE_CLASS(code) == 2 &&
        srv_opt_block(received, COAP_OPTION_BLOCK2, &blk)) {
        if ((size_t) blk.num * srv_block_size(blk.szx) != r->body.len) {
            finish(r, "ERR block-wise download out of order");
            return COAP_RESPONSE_OK;
        }
        srv_buf_append(&r->body, data, len);
        if (blk.more) {
            srv_block_t next = {blk.num + 1, 0, blk.szx};
            /* A fresh token: reusing the observation's token for a GET
             * without Observe would end the observation. */
            new_token(r->token);
            if (send_message(r, r->token, -1, &next)) {
                finish(r, "ERR block-wise download failed");
            }
            return COAP_RESPONSE_OK;
        }
    } else {
        srv_buf_append(&r->body, data, len);
    }
    complete(r, received);
    return COAP_RESPONSE_OK;
}

static coap_response_t on_notification(observation_t *o,
                                       const coap_pdu_t *received) {
    if (o->state == OBS_CANCELLED) {
        uint32_t seq = 0;
        srv_opt_uint(received, COAP_OPTION_OBSERVE, &seq);
        srv_out_line("REJECTED %s %s seq=%u", o->client, o->path,
                     (unsigned) seq);
        free_observation(o);
        /* Makes libcoap answer with a Reset. */
        return COAP_RESPONSE_FAIL;
    }
    coap_pdu_code_t code = coap_pdu_get_code(received);
    uint32_t seq = 0, ct = 0;
    int has_seq = srv_opt_uint(received, COAP_OPTION_OBSERVE, &seq);
    int has_ct = srv_opt_uint(received, COAP_OPTION_CONTENT_FORMAT, &ct);
    size_t len = 0;
    const uint8_t *data = NULL;
    coap_get_data(received, &len, &data);
    srv_block_t blk;
    if (COAP_RESPONSE_CLASS(code) == 2 &&
        srv_opt_block(received, COAP_OPTION_BLOCK2, &blk) && blk.more &&
        blk.num == 0) {
        srv_request_spec_t spec = {o->client,   0,    COAP_REQUEST_CODE_GET,
                                   o->path,     NULL, o->accept,
                                   SRV_CT_NONE, NULL, 0};
        char err[64];
        request_t *r = new_request(&spec, KIND_NOTIFY_REST, err, sizeof(err));
        if (r) {
            memcpy(r->obs_token, o->token, TOKEN_LEN);
            r->has_seq = has_seq;
            r->seq = seq;
            srv_buf_append(&r->body, data, len);
            srv_block_t next = {1, 0, blk.szx};
            if (send_message(r, r->token, -1, &next)) {
                free_request(r);
            }
        }
        return COAP_RESPONSE_OK;
    }
    print_notify(o, code, has_seq, seq, has_ct, ct, data, len);
    /* A notification without Observe, or an error, ends the observation. */
    if (!has_seq || COAP_RESPONSE_CLASS(code) != 2) {
        free_observation(o);
    } else {
        o->state = OBS_ACTIVE;
    }
    return COAP_RESPONSE_OK;
}

static coap_response_t on_response(coap_session_t *session,
                                   const coap_pdu_t *sent,
                                   const coap_pdu_t *received,
                                   const coap_mid_t mid) {
    (void) session;
    (void) sent;
    (void) mid;
    coap_bin_const_t token = coap_pdu_get_token(received);
    request_t *r = find_request(token.s, token.length);
    uint32_t seq;
    int has_observe = srv_opt_uint(received, COAP_OPTION_OBSERVE, &seq);
    /* While a cancelling GET is on its way, notifications still carry the
     * same token: only a response without Observe answers the GET. */
    if (r && !(r->kind == KIND_CANCEL && has_observe)) {
        return on_request_response(r, received);
    }
    observation_t *o = find_observation(token.s, token.length);
    if (o) {
        return on_notification(o, received);
    }
    /* Late answers to requests that timed out need no Reset. */
    return coap_pdu_get_type(received) == COAP_MESSAGE_ACK ? COAP_RESPONSE_OK
                                                           : COAP_RESPONSE_FAIL;
}

static void on_nack(coap_session_t *session, const coap_pdu_t *sent,
                    const coap_nack_reason_t reason, const coap_mid_t mid) {
    (void) session;
    (void) mid;
    if (!sent) {
        return;
    }
    coap_bin_const_t token = coap_pdu_get_token(sent);
    request_t *r = find_request(token.s, token.length);
    if (!r) {
        return;
    }
    static const char *const reasons[] = {"timeout", "not-deliverable", "reset",
                                          "tls-failed", "icmp-issue"};
    const char *why = (unsigned) reason < sizeof(reasons) / sizeof(reasons[0])
                              ? reasons[reason]
                              : "failed";
    if (r->kind == KIND_NOTIFY_REST) {
        finish(r, NULL);
    } else {
        if (r->kind == KIND_OBSERVE) {
            observation_t *o = find_observation(r->obs_token, TOKEN_LEN);
            if (o) {
                free_observation(o);
            }
        }
        finish(r, "ERR %s", why);
    }
}

void srv_requests_init(coap_context_t *ctx) {
    /* Tokens differ between runs, so that a device never takes a new
     * server's request for an old one. */
    g_token_counter = (uint64_t) time(NULL) << 24 ^ (uint64_t) getpid() << 8;
    coap_register_response_handler(ctx, on_response);
    coap_register_nack_handler(ctx, on_nack);
}

void srv_requests_tick(uint64_t now_ms) {
    request_t *r = g_requests;
    while (r) {
        request_t *next = r->next;
        if (r->deadline_ms <= now_ms) {
            if (r->kind == KIND_OBSERVE) {
                observation_t *o = find_observation(r->obs_token, TOKEN_LEN);
                if (o && o->state == OBS_PENDING) {
                    free_observation(o);
                }
            }
            if (r->kind == KIND_NOTIFY_REST) {
                finish(r, NULL);
            } else {
                finish(r, "ERR timeout");
            }
            /* done() may have started a new request at the list head, which
             * the loop does not need to visit now. */
        }
        r = next;
    }
}

uint64_t srv_requests_next_deadline(void) {
    uint64_t next = UINT64_MAX;
    for (request_t *r = g_requests; r; r = r->next) {
        if (r->deadline_ms < next) {
            next = r->deadline_ms;
        }
    }
    return next;
}

void srv_requests_forget_client(const srv_client_t *client) {
    request_t *r = g_requests;
    while (r) {
        request_t *next = r->next;
        if (strcmp(r->client, client->name) == 0) {
            if (r->kind == KIND_NOTIFY_REST) {
                finish(r, NULL);
            } else {
                finish(r, "ERR client %s gone", client->name);
            }
        }
        r = next;
    }
    observation_t *o = g_observations;
    while (o) {
        observation_t *next = o->next;
        if (strcmp(o->client, client->name) == 0) {
            free_observation(o);
        }
        o = next;
    }
}

void srv_requests_cleanup(void) {
    while (g_requests) {
        free_request(g_requests);
    }
    while (g_observations) {
        free_observation(g_observations);
    }
}
