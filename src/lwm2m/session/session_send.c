/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * LwM2M Send: a batch is encoded (SenML CBOR unless configured otherwise)
 * and POSTed to /dp of a registered LwM2M 1.1 server; the finished handler
 * learns the outcome exactly once.
 */
#include <string.h>

#include <avsystem/commons/avs_memory.h>

#include "../dm/dm_send_batch.h"
#include "session.h"

static uint16_t send_format(void) {
#if ANJAY_DEFAULT_SEND_FORMAT == 65535
    return TERN_IO_FMT_SENML_CBOR;
#else
    return ANJAY_DEFAULT_SEND_FORMAT;
#endif
}

static void finish(tern_sess_server_t *srv, AVS_LIST(tern_sess_send_t) * slot,
                   int result) {
    AVS_LIST(tern_sess_send_t) entry = AVS_LIST_DETACH(slot);
    anjay_log(INFO, "server %u: Send finished (%d)", (unsigned) srv->ssid,
              result);
    if (entry->handler) {
        entry->handler(srv->sess->anjay, srv->ssid, entry->batch, result,
                       entry->handler_data);
    }
    anjay_send_batch_release(&entry->batch);
    AVS_LIST_DELETE(&entry);
}

static AVS_LIST(tern_sess_send_t) *
        find_exchange(tern_sess_server_t *srv, tern_coap_id_t exchange) {
    AVS_LIST(tern_sess_send_t) * slot;
    AVS_LIST_FOREACH_PTR(slot, &srv->sends) {
        if ((*slot)->exchange == exchange) {
            return slot;
        }
    }
    return NULL;
}

static void send_response(tern_coap_ctx_t *ctx, tern_coap_id_t exchange,
                          tern_coap_result_t result,
                          const tern_coap_msg_t *response, void *arg) {
    (void) ctx;
    tern_sess_server_t *srv = (tern_sess_server_t *) arg;
    AVS_LIST(tern_sess_send_t) *slot = find_exchange(srv, exchange);
    if (!slot || result == TERN_COAP_RESULT_PARTIAL) {
        return;
    }
    int outcome;
    switch (result) {
        case TERN_COAP_RESULT_OK:
            if (TERN_COAP_CODE_CLASS(response->code) == 2) {
                outcome = ANJAY_SEND_SUCCESS;
            } else {
                tern_sess_report_error_code(srv, "Send", response->code);
                outcome = -(int) response->code;
            }
            break;
        case TERN_COAP_RESULT_TIMEOUT:
            outcome = ANJAY_SEND_TIMEOUT;
            break;
        default:
            outcome = ANJAY_SEND_ABORT;
            break;
    }
    finish(srv, slot, outcome);
}

static int start_one(tern_sess_server_t *srv, tern_sess_send_t *entry) {
    tern_io_buf_t payload;
    tern_io_buf_init_growable(&payload, 65536);
    uint16_t format = send_format();
    int result = tern_send_batch_encode(entry->batch, format,
                                        avs_time_real_now(), &payload);
    if (!result) {
        uint8_t opts_buf[16];
        tern_coap_opts_t opts;
        tern_coap_opts_init(&opts, opts_buf, sizeof(opts_buf));
        tern_coap_opts_add_string(&opts, TERN_COAP_OPT_URI_PATH, "dp");
        tern_coap_opts_add_uint(&opts, TERN_COAP_OPT_CONTENT_FORMAT, format);
        tern_coap_msg_t msg;
        memset(&msg, 0, sizeof(msg));
        msg.code = TERN_COAP_CODE_POST;
        tern_coap_msg_set_opts(&msg, &opts);
        msg.payload = payload.data;
        msg.payload_size = payload.len;
        anjay_log(INFO, "server %u: Send of %u values (%u bytes)",
                  (unsigned) srv->ssid, (unsigned) entry->batch->count,
                  (unsigned) payload.len);
        if ((result = tern_coap_send_request(srv->coap, &msg, send_response,
                                             srv, &entry->exchange))) {
            anjay_log(ERROR, "server %u: cannot send Send: %s",
                      (unsigned) srv->ssid, tern_coap_strerror(result));
        }
    } else {
        anjay_log(ERROR, "server %u: cannot encode the Send batch",
                  (unsigned) srv->ssid);
    }
    tern_io_buf_release(&payload);
    return result;
}

static bool sendable(const tern_sess_server_t *srv) {
    return srv->registered && srv->connected && srv->coap &&
           !srv->sess->bootstrapping && !tern_sess_transport_offline(srv) &&
           !srv->disabled;
}

static void send_job(avs_sched_t *sched, const void *data) {
    (void) sched;
    tern_sess_server_t *srv = *(tern_sess_server_t *const *) data;
    if (srv->sess->closing) {
        return;
    }
    AVS_LIST(tern_sess_send_t) *slot = &srv->sends;
    while (*slot) {
        tern_sess_send_t *entry = *slot;
        if (entry->exchange) {
            slot = AVS_LIST_NEXT_PTR(slot);
            continue;
        }
        if (srv->info.mute_send ||
            (srv->registered && srv->version < ANJAY_LWM2M_VERSION_1_1)) {
            finish(srv, slot, ANJAY_SEND_DEFERRED_ERROR);
            continue;
        }
        if (!sendable(srv)) {
            if (entry->deferrable) {
                slot = AVS_LIST_NEXT_PTR(slot);
            } else {
                finish(srv, slot, ANJAY_SEND_ABORT);
            }
            continue;
        }
        if (start_one(srv, entry)) {
            finish(srv, slot, ANJAY_SEND_ABORT);
            continue;
        }
        slot = AVS_LIST_NEXT_PTR(slot);
    }
}

void tern_sess_send_flush(tern_sess_server_t *srv) {
    if (srv->sends && !srv->freeing &&
        AVS_SCHED_NOW(srv->sess->anjay->sched, &srv->send_job, send_job, &srv,
                      sizeof(srv))) {
        anjay_log(ERROR, "cannot schedule a Send");
    }
}

void tern_sess_send_abort_all(tern_sess_server_t *srv, int result) {
    while (srv->sends) {
        finish(srv, &srv->sends, result);
    }
}

static anjay_send_result_t send_impl(anjay_t *anjay, anjay_ssid_t ssid,
                                     const anjay_send_batch_t *data,
                                     anjay_send_finished_handler_t *handler,
                                     void *handler_data, bool deferrable) {
    if (!anjay || !data) {
        return ANJAY_SEND_ERR_INTERNAL;
    }
    tern_session_t *sess = tern_sess(anjay);
    tern_sess_server_t *srv =
            ssid == ANJAY_SSID_ANY || ssid == ANJAY_SSID_BOOTSTRAP
                    ? NULL
                    : tern_sess_find(sess, ssid);
    if (!srv) {
        anjay_log(ERROR, "anjay_send: no server with SSID %u", (unsigned) ssid);
        return ANJAY_SEND_ERR_SSID;
    }
    if (srv->info.mute_send) {
        anjay_log(WARNING, "anjay_send: server %u has Mute Send set",
                  (unsigned) ssid);
        return ANJAY_SEND_ERR_MUTED;
    }
    if (srv->registered && srv->version < ANJAY_LWM2M_VERSION_1_1) {
        anjay_log(ERROR, "anjay_send: server %u registered with LwM2M 1.0",
                  (unsigned) ssid);
        return ANJAY_SEND_ERR_PROTOCOL;
    }
    if (!deferrable) {
        if (sess->bootstrapping) {
            anjay_log(ERROR, "anjay_send: bootstrap in progress");
            return ANJAY_SEND_ERR_BOOTSTRAP;
        }
        if (tern_sess_transport_offline(srv) || srv->disabled) {
            anjay_log(ERROR, "anjay_send: server %u is offline",
                      (unsigned) ssid);
            return ANJAY_SEND_ERR_OFFLINE;
        }
        if (!srv->registered) {
            anjay_log(ERROR, "anjay_send: server %u is not registered",
                      (unsigned) ssid);
            return ANJAY_SEND_ERR_SSID;
        }
    }
    AVS_LIST(tern_sess_send_t) entry = AVS_LIST_NEW_ELEMENT(tern_sess_send_t);
    if (!entry) {
        anjay_log(ERROR, "out of memory queueing a Send");
        return ANJAY_SEND_ERR_INTERNAL;
    }
    entry->batch = anjay_send_batch_acquire(data);
    entry->handler = handler;
    entry->handler_data = handler_data;
    entry->deferrable = deferrable;
    AVS_LIST_APPEND(&srv->sends, entry);
    tern_sess_send_flush(srv);
    return ANJAY_SEND_OK;
}

anjay_send_result_t anjay_send(anjay_t *anjay, anjay_ssid_t ssid,
                               const anjay_send_batch_t *data,
                               anjay_send_finished_handler_t *finished_handler,
                               void *finished_handler_data) {
    return send_impl(anjay, ssid, data, finished_handler, finished_handler_data,
                     false);
}

anjay_send_result_t
anjay_send_deferrable(anjay_t *anjay, anjay_ssid_t ssid,
                      const anjay_send_batch_t *data,
                      anjay_send_finished_handler_t *finished_handler,
                      void *finished_handler_data) {
    return send_impl(anjay, ssid, data, finished_handler, finished_handler_data,
                     true);
}
