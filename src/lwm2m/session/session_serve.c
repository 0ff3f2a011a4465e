/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * Requests from servers: anjay_serve() drains a socket through its CoAP
 * context, whose request handler lands here. The request is turned into a
 * data model operation (method, Uri-Path, Uri-Query, Content-Format,
 * Accept), answered with the engine's result, and an Observe registration
 * starts an observation.
 */
#include <stdio.h>
#include <string.h>

#include <avsystem/commons/avs_memory.h>

#include "session.h"

/* Uri-Path options beyond a full data model path mean a bad request. */
#define MAX_SEGMENTS 5
#define MAX_QUERIES 16
/* First guess of a response payload; larger ones are built again in a
 * buffer of their size. */
#define FIRST_PAYLOAD_SIZE 1024

int anjay_serve(anjay_t *anjay, avs_net_socket_t *ready_socket) {
    tern_session_t *sess = anjay ? tern_sess(anjay) : NULL;
    tern_sess_server_t *srv =
            sess ? tern_sess_find_by_socket(sess, ready_socket) : NULL;
    if (!srv || !srv->coap || !srv->connected) {
        anjay_log(DEBUG, "anjay_serve: not a socket of this client");
        return -1;
    }
    avs_error_t err = tern_coap_handle_incoming(srv->coap);
    if (avs_is_ok(err)) {
        return 0;
    }
    if (srv->uri.tcp ||
        (err.category == AVS_ERRNO_CATEGORY && err.code == AVS_ECONNRESET)) {
        anjay_log(WARNING, "server %u: connection lost; reconnecting",
                  (unsigned) srv->ssid);
        tern_sess_disconnect(srv);
        tern_sess_schedule_action(srv, TERN_SESS_ACTION_CONNECT,
                                  AVS_TIME_DURATION_ZERO);
    } else {
        /* E.g. ICMP port unreachable while the server restarts: pending
         * exchanges time out and recover by themselves. */
        anjay_log(DEBUG, "server %u: receive failed (category %u code %u)",
                  (unsigned) srv->ssid, (unsigned) err.category,
                  (unsigned) err.code);
    }
    return -1;
}

int tern_sess_dm_call(anjay_t *anjay, const tern_dm_request_t *request,
                      tern_sess_dm_result_t *out) {
    memset(out, 0, sizeof(*out));
    size_t size = FIRST_PAYLOAD_SIZE;
    for (int round = 0; round < 2; ++round) {
        avs_free(out->payload);
        if (!(out->payload = (uint8_t *) avs_malloc(size))) {
            anjay_log(ERROR, "out of memory for a %u-byte response",
                      (unsigned) size);
            out->response.code = TERN_COAP_CODE_INTERNAL_SERVER_ERROR;
            out->response.content_format = TERN_DM_FORMAT_NONE;
            return ANJAY_ERR_INTERNAL;
        }
        int result = tern_dm_handle(anjay, request, out->payload, size,
                                    &out->response);
        /* Only reads may run twice; other operations have no payload to
         * speak of. */
        bool reads = request->op == TERN_DM_OP_READ ||
                     request->op == TERN_DM_OP_DISCOVER ||
                     request->op == TERN_DM_OP_READ_COMPOSITE;
        if (result || !reads || out->response.payload_total_size <= size) {
            return result;
        }
        size = out->response.payload_total_size;
    }
    return 0;
}

void tern_sess_dm_result_free(tern_sess_dm_result_t *result) {
    avs_free(result->payload);
    result->payload = NULL;
}

void tern_sess_report_error_code(tern_sess_server_t *srv, const char *what,
                                 uint8_t code) {
    anjay_log(WARNING, "server %u: %s answered with %u.%02u",
              (unsigned) srv->ssid, what, TERN_COAP_CODE_CLASS(code),
              TERN_COAP_CODE_DETAIL(code));
    anjay_t *anjay = srv->sess->anjay;
    if (anjay->config.server_communication_error_cb) {
        anjay->config.server_communication_error_cb(
                anjay->config.server_communication_error_cb_arg, anjay,
                srv->ssid, code);
    }
}

typedef struct {
    tern_io_str_t segments[MAX_SEGMENTS];
    size_t segment_count;
    tern_io_str_t queries[MAX_QUERIES];
    size_t query_count;
    uint16_t content_format;
    uint16_t accept;
    bool has_observe;
    uint32_t observe;
} parsed_t;

/* 0, or the CoAP code to answer with. */
static uint8_t parse_request(const tern_coap_msg_t *msg, parsed_t *out) {
    memset(out, 0, sizeof(*out));
    out->content_format = TERN_DM_FORMAT_NONE;
    out->accept = TERN_DM_FORMAT_NONE;
    tern_coap_opt_iter_t it = tern_coap_opt_iter(msg);
    while (tern_coap_opt_next(&it)) {
        tern_io_str_t value = {(const char *) it.value, it.size};
        if (it.number == TERN_COAP_OPT_URI_PATH) {
            if (out->segment_count == MAX_SEGMENTS) {
                return TERN_COAP_CODE_NOT_FOUND;
            }
            /* An empty last segment ("/3/0/") names the same resource. */
            if (it.size) {
                out->segments[out->segment_count++] = value;
            }
        } else if (it.number == TERN_COAP_OPT_URI_QUERY) {
            if (out->query_count == MAX_QUERIES) {
                return TERN_COAP_CODE_BAD_REQUEST;
            }
            out->queries[out->query_count++] = value;
        } else if (it.number == TERN_COAP_OPT_OBSERVE) {
            out->has_observe = true;
            if (tern_coap_uint_decode(it.value, it.size, &out->observe)) {
                return TERN_COAP_CODE_BAD_OPTION;
            }
        }
    }
    if (tern_coap_msg_get_format(msg, TERN_COAP_OPT_CONTENT_FORMAT,
                                 &out->content_format) ||
        tern_coap_msg_get_format(msg, TERN_COAP_OPT_ACCEPT, &out->accept)) {
        return TERN_COAP_CODE_BAD_OPTION;
    }
    return 0;
}

static const char *op_name(tern_dm_op_t op, bool bootstrap) {
    switch (op) {
        case TERN_DM_OP_READ:
            return bootstrap ? "Bootstrap-Read" : "Read";
        case TERN_DM_OP_DISCOVER:
            return bootstrap ? "Bootstrap-Discover" : "Discover";
        case TERN_DM_OP_WRITE_REPLACE:
            return bootstrap ? "Bootstrap-Write" : "Write";
        case TERN_DM_OP_WRITE_UPDATE:
            return "Write (partial update)";
        case TERN_DM_OP_WRITE_ATTRIBUTES:
            return "Write-Attributes";
        case TERN_DM_OP_EXECUTE:
            return "Execute";
        case TERN_DM_OP_CREATE:
            return "Create";
        case TERN_DM_OP_DELETE:
            return bootstrap ? "Bootstrap-Delete" : "Delete";
        case TERN_DM_OP_READ_COMPOSITE:
            return "Read-Composite";
        case TERN_DM_OP_WRITE_COMPOSITE:
            return "Write-Composite";
    }
    return "?";
}

static void respond_code(tern_coap_incoming_t *request, uint8_t code) {
    tern_coap_msg_t response;
    memset(&response, 0, sizeof(response));
    response.code = code;
    tern_coap_respond(request, &response);
}

static void respond_result(tern_sess_server_t *srv,
                           tern_coap_incoming_t *request,
                           const tern_sess_dm_result_t *result) {
    uint8_t opts_buf[32];
    tern_coap_opts_t opts;
    tern_coap_opts_init(&opts, opts_buf, sizeof(opts_buf));
    const tern_dm_response_t *dm = &result->response;
    int err = 0;
    if (dm->content_format != TERN_DM_FORMAT_NONE && dm->payload_size) {
        err = tern_coap_opts_add_uint(&opts, TERN_COAP_OPT_CONTENT_FORMAT,
                                      dm->content_format);
    }
    if (!err && dm->code == TERN_COAP_CODE_CREATED && dm->location.len >= 2) {
        char segment[8];
        for (uint8_t i = 0; i < 2 && !err; ++i) {
            snprintf(segment, sizeof(segment), "%u",
                     (unsigned) dm->location.ids[i]);
            err = tern_coap_opts_add_string(&opts, TERN_COAP_OPT_LOCATION_PATH,
                                            segment);
        }
    }
    tern_coap_msg_t response;
    memset(&response, 0, sizeof(response));
    response.code = dm->code;
    tern_coap_msg_set_opts(&response, &opts);
    response.payload = result->payload;
    response.payload_size = dm->payload_size;
    if (err || (err = tern_coap_respond(request, &response))) {
        anjay_log(ERROR, "server %u: cannot send the response: %s",
                  (unsigned) srv->ssid, tern_coap_strerror(err));
    }
}

static void log_served(const tern_sess_server_t *srv, tern_dm_op_t op,
                       const tern_io_path_t *path, uint8_t code, bool observe) {
    char text[TERN_IO_PATH_STR_SIZE];
    tern_io_path_format(path, text, sizeof(text));
    anjay_log(INFO, "server %u: %s%s %s -> %u.%02u", (unsigned) srv->ssid,
              observe ? "Observe + " : "",
              op_name(op, srv->ssid == ANJAY_SSID_BOOTSTRAP), text,
              TERN_COAP_CODE_CLASS(code), TERN_COAP_CODE_DETAIL(code));
}

void tern_sess_handle_request(tern_coap_ctx_t *ctx,
                              tern_coap_incoming_t *request,
                              const tern_coap_msg_t *msg, void *arg) {
    (void) ctx;
    tern_sess_server_t *srv = (tern_sess_server_t *) arg;
    anjay_t *anjay = srv->sess->anjay;
    bool bootstrap = srv->ssid == ANJAY_SSID_BOOTSTRAP;
    parsed_t req;
    uint8_t error = parse_request(msg, &req);
    if (error) {
        anjay_log(WARNING, "server %u: malformed request options",
                  (unsigned) srv->ssid);
        respond_code(request, error);
        return;
    }
    if (req.segment_count == 1 && req.segments[0].len == 2 &&
        !memcmp(req.segments[0].data, "bs", 2) &&
        msg->code == TERN_COAP_CODE_POST) {
        if (bootstrap) {
            tern_sess_handle_bootstrap_finish(srv, request);
        } else {
            anjay_log(WARNING,
                      "server %u: Bootstrap-Finish from a "
                      "management server",
                      (unsigned) srv->ssid);
            respond_code(request, TERN_COAP_CODE_METHOD_NOT_ALLOWED);
        }
        return;
    }
    tern_dm_request_t dm;
    memset(&dm, 0, sizeof(dm));
    if (tern_io_path_from_segments(&dm.path, req.segments, req.segment_count)) {
        anjay_log(WARNING, "server %u: malformed Uri-Path",
                  (unsigned) srv->ssid);
        respond_code(request, TERN_COAP_CODE_BAD_REQUEST);
        return;
    }
    if (tern_dm_op_from_coap(msg->code, &dm.path, req.accept,
                             req.content_format != TERN_DM_FORMAT_NONE,
                             &dm.op)) {
        respond_code(request, TERN_COAP_CODE_METHOD_NOT_ALLOWED);
        return;
    }
    if (bootstrap) {
        tern_sess_bootstrap_activity(srv);
    } else if (srv->sess->bootstrapping) {
        /* The accounts are being rewritten; answer once they are whole. */
        respond_code(request, TERN_COAP_CODE_SERVICE_UNAVAILABLE);
        return;
    }
    dm.ssid = srv->ssid;
    dm.lwm2m_version = srv->version;
    dm.content_format = req.content_format;
    dm.accept = req.accept;
    dm.payload = msg->payload;
    dm.payload_size = msg->payload_size;
    dm.query = req.queries;
    dm.query_count = req.query_count;
    tern_sess_dm_result_t result;
    tern_sess_dm_call(anjay, &dm, &result);
    bool observe = !bootstrap && req.has_observe && req.observe == 0 &&
                   dm.op == TERN_DM_OP_READ &&
                   (msg->code == TERN_COAP_CODE_GET) &&
                   TERN_COAP_CODE_CLASS(result.response.code) == 2 &&
                   !tern_sess_observe_start(srv, request, &dm.path, req.accept,
                                            &result);
    log_served(srv, dm.op, &dm.path, result.response.code, observe);
    respond_result(srv, request, &result);
    tern_sess_dm_result_free(&result);
}
