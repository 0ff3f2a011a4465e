/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * Observations: each lives in the CoAP context of its server (which sends
 * the Notify messages and learns of cancellations) and here (what was sent
 * last, when to look again). Whether to notify is decided by the
 * attribute rules of attr_rules.h, with the effective attributes of the
 * observed path, whenever the data model reports a change under or above
 * it and whenever a planned check (end of pmin, pmax, epmax) comes due.
 *
 * Observation records are freed by a job, never inside a CoAP handler:
 * a notification may end its own observation while it is being sent.
 */
#include <math.h>
#include <string.h>

#include <avsystem/commons/avs_memory.h>

#include "../dm/dm_attributes.h"
#include "../dm/dm_read.h"
#include "session.h"

static bool alive(const tern_sess_obs_t *obs) {
    return obs->id != 0;
}

static bool can_notify(const tern_sess_server_t *srv) {
    return srv->connected && srv->registered && srv->coap &&
           !tern_sess_transport_offline(srv) && !srv->disabled;
}

static anjay_uri_path_t to_uri_path(const tern_io_path_t *path) {
    anjay_uri_path_t out;
    for (size_t i = 0; i < _ANJAY_URI_PATH_MAX_LENGTH; ++i) {
        out.ids[i] = i < path->len ? path->ids[i] : ANJAY_ID_INVALID;
    }
    return out;
}

static void obs_delete(AVS_LIST(tern_sess_obs_t) * slot) {
    avs_sched_del(&(*slot)->timer);
    avs_free((*slot)->last_payload);
    AVS_LIST_DELETE(slot);
}

static void gc_job(avs_sched_t *sched, const void *data) {
    (void) sched;
    tern_sess_server_t *srv = *(tern_sess_server_t *const *) data;
    AVS_LIST(tern_sess_obs_t) *slot = &srv->observations;
    while (*slot) {
        if (alive(*slot)) {
            slot = AVS_LIST_NEXT_PTR(slot);
        } else {
            obs_delete(slot);
        }
    }
}

static const char *event_name(tern_coap_observe_event_t event) {
    switch (event) {
        case TERN_COAP_OBSERVE_CANCELLED:
            return "cancelled by the server";
        case TERN_COAP_OBSERVE_TIMEOUT:
            return "Confirmable notification not acknowledged";
        default:
            return "closed";
    }
}

static void observe_event(tern_coap_ctx_t *ctx, tern_coap_id_t id,
                          tern_coap_observe_event_t event, void *arg) {
    (void) ctx;
    (void) id;
    tern_sess_obs_t *obs = (tern_sess_obs_t *) arg;
    tern_sess_server_t *srv = obs->server;
    anjay_t *anjay = srv->sess->anjay;
    if (event == TERN_COAP_OBSERVE_DELIVERED ||
        event == TERN_COAP_OBSERVE_TIMEOUT) {
        if (anjay->config.confirmable_notification_status_cb) {
            anjay_uri_path_t path = to_uri_path(&obs->path);
            anjay->config.confirmable_notification_status_cb(
                    anjay, srv->ssid, &path, 1,
                    event == TERN_COAP_OBSERVE_DELIVERED
                            ? AVS_OK
                            : avs_errno(AVS_ETIMEDOUT));
        }
        if (event == TERN_COAP_OBSERVE_DELIVERED) {
            return;
        }
    }
    if (!srv->freeing && !srv->sess->closing) {
        char text[TERN_IO_PATH_STR_SIZE];
        tern_io_path_format(&obs->path, text, sizeof(text));
        anjay_log(INFO, "server %u: observation of %s ended (%s)",
                  (unsigned) srv->ssid, text, event_name(event));
    }
    obs->id = 0;
    avs_sched_del(&obs->timer);
    if (!srv->freeing && !srv->sess->closing &&
        AVS_SCHED_NOW(anjay->sched, &srv->obs_gc_job, gc_job, &srv,
                      sizeof(srv))) {
        anjay_log(ERROR, "cannot schedule freeing an observation");
    }
}

static bool has_value_conditions(const anjay_dm_r_attributes_t *attrs) {
    return !isnan(attrs->greater_than) || !isnan(attrs->less_than) ||
           !isnan(attrs->step);
}

static void effective_attrs(tern_sess_obs_t *obs,
                            anjay_dm_r_attributes_t *attrs) {
    if (tern_dm_effective_attrs(obs->server->sess->anjay, &obs->path,
                                obs->server->ssid, true, attrs)) {
        /* The Object is gone: nothing holds the next Notify back, which
         * reports the error and ends the observation. */
        attrs->common = ANJAY_DM_OI_ATTRIBUTES_EMPTY;
        attrs->greater_than = ANJAY_ATTRIB_VALUE_NONE;
        attrs->less_than = ANJAY_ATTRIB_VALUE_NONE;
        attrs->step = ANJAY_ATTRIB_VALUE_NONE;
    }
}

static bool read_numeric(tern_sess_obs_t *obs, double *out) {
    return obs->path.len >= 3 &&
           !tern_dm_read_double(obs->server->sess->anjay, &obs->path, out);
}

static int build_notification(tern_sess_obs_t *obs,
                              tern_sess_dm_result_t *result) {
    tern_sess_server_t *srv = obs->server;
    tern_dm_request_t dm;
    memset(&dm, 0, sizeof(dm));
    dm.op = TERN_DM_OP_READ;
    dm.path = obs->path;
    dm.ssid = srv->ssid;
    dm.lwm2m_version = srv->version;
    dm.content_format = TERN_DM_FORMAT_NONE;
    dm.accept = obs->accept;
    return tern_sess_dm_call(srv->sess->anjay, &dm, result);
}

static void store(tern_sess_obs_t *obs, const tern_sess_dm_result_t *result,
                  bool confirmable) {
    tern_sess_server_t *srv = obs->server;
    tern_session_t *sess = srv->sess;
    size_t limit = sess->anjay->config.stored_notification_limit;
    if (limit && sess->stored_count >= limit) {
        if (!srv->stored) {
            anjay_log(WARNING,
                      "server %u: notification storage full; "
                      "dropping a notification",
                      (unsigned) srv->ssid);
            return;
        }
        AVS_LIST_DELETE(&srv->stored);
        --sess->stored_count;
    }
    size_t size = result->response.payload_size;
    AVS_LIST(tern_sess_stored_t)
    entry = (AVS_LIST(tern_sess_stored_t)) AVS_LIST_NEW_BUFFER(
            sizeof(tern_sess_stored_t) + size);
    if (!entry) {
        anjay_log(ERROR, "out of memory storing a notification");
        return;
    }
    entry->obs_id = obs->id;
    entry->code = result->response.code;
    entry->format = result->response.content_format;
    entry->confirmable = confirmable;
    entry->size = size;
    if (size) {
        memcpy(entry + 1, result->payload, size);
    }
    AVS_LIST_APPEND(&srv->stored, entry);
    ++sess->stored_count;
}

static int notify_raw(tern_sess_server_t *srv, tern_coap_id_t id, uint8_t code,
                      uint16_t format, const void *payload, size_t size,
                      bool confirmable) {
    uint8_t opts_buf[8];
    tern_coap_opts_t opts;
    tern_coap_opts_init(&opts, opts_buf, sizeof(opts_buf));
    if (format != TERN_DM_FORMAT_NONE && size) {
        tern_coap_opts_add_uint(&opts, TERN_COAP_OPT_CONTENT_FORMAT, format);
    }
    tern_coap_msg_t msg;
    memset(&msg, 0, sizeof(msg));
    msg.code = code;
    tern_coap_msg_set_opts(&msg, &opts);
    msg.payload = (const uint8_t *) payload;
    msg.payload_size = size;
    return tern_coap_notify(srv->coap, id, &msg, confirmable);
}

static bool use_confirmable(const tern_sess_obs_t *obs,
                            const anjay_dm_r_attributes_t *attrs) {
    if (attrs->common.con == ANJAY_DM_CON_ATTR_CON) {
        return true;
    }
    if (attrs->common.con == ANJAY_DM_CON_ATTR_NON) {
        return false;
    }
    return obs->server->sess->anjay->config.confirmable_notifications;
}

static void remember_payload(tern_sess_obs_t *obs,
                             const anjay_dm_r_attributes_t *attrs,
                             const tern_sess_dm_result_t *result) {
    avs_free(obs->last_payload);
    obs->last_payload = NULL;
    obs->last_payload_size = 0;
    size_t size = result->response.payload_size;
    if (attrs->common.max_eval_period > 0 && size &&
        (obs->last_payload = (uint8_t *) avs_malloc(size))) {
        memcpy(obs->last_payload, result->payload, size);
        obs->last_payload_size = size;
    }
}

/* epmax samples the value: a periodic check counts as a change only if
 * the value differs from the one last sent. */
static bool sampled_value_changed(tern_sess_obs_t *obs) {
    tern_sess_dm_result_t result;
    build_notification(obs, &result);
    bool changed =
            result.response.payload_size != obs->last_payload_size ||
            (obs->last_payload_size &&
             memcmp(result.payload, obs->last_payload, obs->last_payload_size));
    tern_sess_dm_result_free(&result);
    return changed;
}

/* Sends (or keeps) the current value; false if it could do neither. */
static bool notify_now(tern_sess_obs_t *obs,
                       const anjay_dm_r_attributes_t *attrs) {
    tern_sess_server_t *srv = obs->server;
    bool confirmable = use_confirmable(obs, attrs);
    bool reachable = can_notify(srv);
    if (!reachable && !srv->info.notification_storing) {
        obs->missed = true;
        return false;
    }
    tern_sess_dm_result_t result;
    build_notification(obs, &result);
    remember_payload(obs, attrs, &result);
    char text[TERN_IO_PATH_STR_SIZE];
    tern_io_path_format(&obs->path, text, sizeof(text));
    if (!reachable) {
        anjay_log(INFO, "server %u: offline, storing the Notify of %s",
                  (unsigned) srv->ssid, text);
        store(obs, &result, confirmable);
    } else {
        anjay_log(INFO, "server %u: Notify %s (%u.%02u, %u bytes%s)",
                  (unsigned) srv->ssid, text,
                  TERN_COAP_CODE_CLASS(result.response.code),
                  TERN_COAP_CODE_DETAIL(result.response.code),
                  (unsigned) result.response.payload_size,
                  confirmable ? ", confirmable" : "");
        int err = notify_raw(srv, obs->id, result.response.code,
                             result.response.content_format, result.payload,
                             result.response.payload_size, confirmable);
        if (err) {
            anjay_log(WARNING, "server %u: cannot send the Notify of %s: %s",
                      (unsigned) srv->ssid, text, tern_coap_strerror(err));
        }
    }
    tern_sess_dm_result_free(&result);
    return true;
}

static void timer_job(avs_sched_t *sched, const void *data);

static void evaluate(tern_sess_obs_t *obs, bool changed, bool timed) {
    tern_sess_server_t *srv = obs->server;
    if (!alive(obs) || srv->freeing || srv->sess->closing) {
        return;
    }
    anjay_dm_r_attributes_t attrs;
    effective_attrs(obs, &attrs);
    if (timed && !changed && attrs.common.max_eval_period > 0) {
        changed = sampled_value_changed(obs);
    }
    double value = 0.0;
    bool numeric = has_value_conditions(&attrs) && read_numeric(obs, &value);
    avs_time_monotonic_t now = avs_time_monotonic_now();
    tern_attr_decision_t decision =
            tern_attr_decide(&attrs, &obs->state, changed || obs->deferred,
                             numeric ? &value : NULL, now);
    obs->deferred = decision.deferred;
    if (decision.notify) {
        if (notify_now(obs, &attrs)) {
            obs->missed = false;
        }
        obs->state.last_notify = now;
        obs->state.last_numeric = numeric;
        obs->state.last_value = value;
        obs->state.last_eval = AVS_TIME_MONOTONIC_INVALID;
    } else if (changed) {
        obs->state.last_eval = now;
    }
    if (!alive(obs)) {
        return;
    }
    if (avs_time_monotonic_valid(decision.next_check)) {
        if (AVS_SCHED_AT(srv->sess->anjay->sched, &obs->timer,
                         decision.next_check, timer_job, &obs, sizeof(obs))) {
            anjay_log(ERROR, "cannot schedule an observation check");
        }
    } else {
        avs_sched_del(&obs->timer);
    }
}

static void timer_job(avs_sched_t *sched, const void *data) {
    (void) sched;
    evaluate(*(tern_sess_obs_t *const *) data, false, true);
}

int tern_sess_observe_start(tern_sess_server_t *srv,
                            tern_coap_incoming_t *request,
                            const tern_io_path_t *path, uint16_t accept,
                            const tern_sess_dm_result_t *result) {
    AVS_LIST(tern_sess_obs_t) obs = AVS_LIST_NEW_ELEMENT(tern_sess_obs_t);
    if (!obs) {
        anjay_log(ERROR, "out of memory starting an observation");
        return -1;
    }
    obs->server = srv;
    obs->path = *path;
    obs->accept = accept;
    if (tern_coap_observe_accept(request, observe_event, obs, &obs->id)) {
        anjay_log(ERROR,
                  "server %u: the CoAP context refused the "
                  "observation",
                  (unsigned) srv->ssid);
        AVS_LIST_DELETE(&obs);
        return -1;
    }
    obs->state.last_notify = avs_time_monotonic_now();
    obs->state.last_eval = AVS_TIME_MONOTONIC_INVALID;
    obs->state.last_numeric = read_numeric(obs, &obs->state.last_value);
    anjay_dm_r_attributes_t attrs;
    effective_attrs(obs, &attrs);
    remember_payload(obs, &attrs, result);
    AVS_LIST_APPEND(&srv->observations, obs);
    /* Plans pmax (and epmax); nothing is due yet. */
    evaluate(obs, false, false);
    return 0;
}

void tern_sess_observe_cancel_all(tern_sess_server_t *srv) {
    tern_sess_obs_t *obs;
    AVS_LIST_FOREACH(obs, srv->observations) {
        if (alive(obs) && srv->coap) {
            tern_coap_cancel(srv->coap, obs->id);
        }
        obs->id = 0;
    }
    /* Nothing iterates the list here: free at once. */
    while (srv->observations) {
        obs_delete(&srv->observations);
    }
    avs_sched_del(&srv->obs_gc_job);
    srv->sess->stored_count -= AVS_LIST_SIZE(srv->stored);
    AVS_LIST_CLEAR(&srv->stored);
}

void tern_sess_observe_free_all(tern_sess_server_t *srv) {
    while (srv->observations) {
        obs_delete(&srv->observations);
    }
}

static tern_sess_obs_t *find_by_id(tern_sess_server_t *srv, tern_coap_id_t id) {
    tern_sess_obs_t *obs;
    AVS_LIST_FOREACH(obs, srv->observations) {
        if (alive(obs) && obs->id == id) {
            return obs;
        }
    }
    return NULL;
}

void tern_sess_observe_flush(tern_sess_server_t *srv) {
    while (srv->stored && can_notify(srv)) {
        AVS_LIST(tern_sess_stored_t) entry = AVS_LIST_DETACH(&srv->stored);
        --srv->sess->stored_count;
        if (find_by_id(srv, entry->obs_id)) {
            anjay_log(INFO, "server %u: sending a stored notification",
                      (unsigned) srv->ssid);
            notify_raw(srv, entry->obs_id, entry->code, entry->format,
                       entry + 1, entry->size, entry->confirmable);
        }
        AVS_LIST_DELETE(&entry);
    }
    tern_sess_obs_t *obs;
    AVS_LIST_FOREACH(obs, srv->observations) {
        if (alive(obs) && obs->missed && can_notify(srv)) {
            evaluate(obs, true, false);
        }
    }
}

avs_time_monotonic_t tern_sess_observe_next(tern_sess_server_t *srv,
                                            bool pmax_only) {
    avs_time_monotonic_t result = AVS_TIME_MONOTONIC_INVALID;
    tern_sess_obs_t *obs;
    AVS_LIST_FOREACH(obs, srv->observations) {
        avs_time_monotonic_t when = avs_sched_time(&obs->timer);
        if (!alive(obs) || !avs_time_monotonic_valid(when)) {
            continue;
        }
        if (pmax_only) {
            anjay_dm_r_attributes_t attrs;
            effective_attrs(obs, &attrs);
            if (attrs.common.max_period <= 0) {
                continue;
            }
            when = avs_time_monotonic_add(
                    obs->state.last_notify,
                    avs_time_duration_from_scalar(attrs.common.max_period,
                                                  AVS_TIME_S));
        }
        if (!avs_time_monotonic_valid(result) ||
            avs_time_monotonic_before(when, result)) {
            result = when;
        }
    }
    return result;
}

static bool overlaps(const tern_io_path_t *a, const tern_io_path_t *b) {
    return tern_io_path_is_prefix(a, b) || tern_io_path_is_prefix(b, a);
}

static void value_changed(tern_session_t *sess, const tern_io_path_t *path,
                          anjay_ssid_t origin) {
    bool self_notify = sess->anjay->config.enable_self_notify;
    tern_sess_server_t *srv;
    AVS_LIST_FOREACH(srv, sess->servers) {
        if (srv->ssid == origin && !self_notify) {
            continue;
        }
        tern_sess_obs_t *obs;
        AVS_LIST_FOREACH(obs, srv->observations) {
            if (alive(obs) && overlaps(&obs->path, path)) {
                evaluate(obs, true, false);
            }
        }
    }
}

static void attributes_changed(tern_session_t *sess, const tern_io_path_t *path,
                               anjay_ssid_t ssid) {
    tern_sess_server_t *srv = tern_sess_find(sess, ssid);
    if (!srv) {
        return;
    }
    tern_sess_obs_t *obs;
    AVS_LIST_FOREACH(obs, srv->observations) {
        if (alive(obs) && overlaps(&obs->path, path)) {
            /* New periods: plan the next check again. */
            evaluate(obs, false, false);
        }
    }
}

void tern_sess_changes_handler(anjay_t *anjay, const tern_dm_change_t *changes,
                               size_t count, void *arg) {
    (void) anjay;
    tern_session_t *sess = (tern_session_t *) arg;
    bool reload = false;
    bool objects = false;
    bool instances = false;
    for (size_t i = 0; i < count; ++i) {
        const tern_dm_change_t *change = &changes[i];
        anjay_oid_t oid =
                change->path.len ? change->path.ids[0] : ANJAY_ID_INVALID;
        bool accounts =
                oid == ANJAY_DM_OID_SECURITY || oid == ANJAY_DM_OID_SERVER;
        switch (change->kind) {
            case TERN_DM_CHANGE_VALUE:
                reload |= accounts;
                value_changed(sess, &change->path, change->ssid);
                break;
            case TERN_DM_CHANGE_INSTANCES:
                reload |= accounts;
                instances = true;
                value_changed(sess, &change->path, change->ssid);
                break;
            case TERN_DM_CHANGE_OBJECTS:
                reload |= accounts;
                objects = true;
                value_changed(sess, &change->path, ANJAY_SSID_ANY);
                break;
            case TERN_DM_CHANGE_ATTRIBUTES:
                attributes_changed(sess, &change->path, change->ssid);
                break;
        }
    }
    if (reload) {
        tern_sess_schedule_reload(sess);
    }
    if (objects ||
        (instances && sess->anjay->config.update_immediately_on_dm_change)) {
        tern_sess_check_registration_changes(sess, true);
    }
}

anjay_resource_observation_status_t
anjay_resource_observation_status(anjay_t *anjay, anjay_oid_t oid,
                                  anjay_iid_t iid, anjay_rid_t rid) {
    anjay_resource_observation_status_t status;
    memset(&status, 0, sizeof(status));
    status.max_eval_period = ANJAY_ATTRIB_INTEGER_NONE;
    if (!anjay || !anjay->session || oid == ANJAY_ID_INVALID ||
        iid == ANJAY_ID_INVALID || rid == ANJAY_ID_INVALID) {
        return status;
    }
    tern_io_path_t path = tern_io_path_resource(oid, iid, rid);
    int32_t min_period = INT32_MAX;
    tern_sess_server_t *srv;
    AVS_LIST_FOREACH(srv, tern_sess(anjay)->servers) {
        tern_sess_obs_t *obs;
        AVS_LIST_FOREACH(obs, srv->observations) {
            if (!alive(obs) || !overlaps(&obs->path, &path)) {
                continue;
            }
            status.is_observed = true;
            anjay_dm_r_attributes_t attrs;
            effective_attrs(obs, &attrs);
            int32_t pmin =
                    attrs.common.min_period > 0 ? attrs.common.min_period : 0;
            min_period = AVS_MIN(min_period, pmin);
            int32_t epmax = attrs.common.max_eval_period;
            if (epmax > 0 &&
                (status.max_eval_period == ANJAY_ATTRIB_INTEGER_NONE ||
                 epmax < status.max_eval_period)) {
                status.max_eval_period = epmax;
            }
        }
    }
    status.min_period = status.is_observed ? min_period : 0;
    return status;
}
