/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

#include <string.h>

#include <avsystem/commons/avs_memory.h>

#include "../anjay_core.h"
#include "obj_utils.h"
#include "server_object.h"

#define serv_log(Level, ...) avs_log(anjay, Level, __VA_ARGS__)

#define BIT(Rid) (1u << (Rid))

int tern_serv_instance_validate(const tern_serv_instance_t *inst) {
    unsigned iid = inst->iid;
    uint32_t required = BIT(TERN_SERV_SSID) | BIT(TERN_SERV_LIFETIME) |
                        BIT(TERN_SERV_BINDING) |
                        BIT(TERN_SERV_NOTIFICATION_STORING);
    if ((inst->present & required) != required) {
        serv_log(WARNING,
                 "/1/%u lacks a mandatory Resource (SSID, "
                 "Lifetime, Binding or Notification Storing)",
                 iid);
        return ANJAY_ERR_BAD_REQUEST;
    }
    if (inst->ssid < 1 || inst->ssid >= ANJAY_SSID_BOOTSTRAP) {
        serv_log(WARNING, "/1/%u: invalid Short Server ID %ld", iid,
                 (long) inst->ssid);
        return ANJAY_ERR_BAD_REQUEST;
    }
    if (inst->lifetime < 0) {
        serv_log(WARNING, "/1/%u: negative Lifetime", iid);
        return ANJAY_ERR_BAD_REQUEST;
    }
    if ((inst->present & BIT(TERN_SERV_DEFAULT_PMAX)) &&
        inst->default_pmax <= 0) {
        serv_log(WARNING, "/1/%u: Default Maximum Period must be positive",
                 iid);
        return ANJAY_ERR_BAD_REQUEST;
    }
    if (!inst->binding || !anjay_binding_mode_valid(inst->binding)) {
        serv_log(WARNING, "/1/%u: invalid Binding \"%s\"", iid,
                 inst->binding ? inst->binding : "");
        return ANJAY_ERR_BAD_REQUEST;
    }
    if ((inst->present & BIT(TERN_SERV_PREFERRED_TRANSPORT)) &&
        !strchr("UTSN", inst->preferred_transport)) {
        serv_log(WARNING, "/1/%u: invalid Preferred Transport", iid);
        return ANJAY_ERR_BAD_REQUEST;
    }
    if (!inst->retry_count || !inst->sequence_retry_count) {
        serv_log(WARNING, "/1/%u: retry counts must not be zero", iid);
        return ANJAY_ERR_BAD_REQUEST;
    }
    return 0;
}

int tern_serv_object_validate(const tern_serv_object_t *obj) {
    for (size_t i = 0; i < obj->count; ++i) {
        int result = tern_serv_instance_validate(&obj->instances[i]);
        if (result) {
            return result;
        }
        for (size_t j = 0; j < i; ++j) {
            if (obj->instances[j].ssid == obj->instances[i].ssid) {
                serv_log(WARNING, "/1/%u and /1/%u share Short Server ID %ld",
                         (unsigned) obj->instances[j].iid,
                         (unsigned) obj->instances[i].iid,
                         (long) obj->instances[i].ssid);
                return ANJAY_ERR_BAD_REQUEST;
            }
        }
    }
    return 0;
}

static void copy_public(const anjay_server_instance_t *src,
                        tern_serv_instance_t *dst) {
    dst->ssid = src->ssid;
    dst->lifetime = src->lifetime;
    dst->notification_storing = src->notification_storing;
    dst->present |= BIT(TERN_SERV_SSID) | BIT(TERN_SERV_LIFETIME) |
                    BIT(TERN_SERV_NOTIFICATION_STORING);
    if ((dst->default_pmin = src->default_min_period) >= 0) {
        dst->present |= BIT(TERN_SERV_DEFAULT_PMIN);
    }
    if ((dst->default_pmax = src->default_max_period) >= 0) {
        dst->present |= BIT(TERN_SERV_DEFAULT_PMAX);
    }
    if ((dst->disable_timeout = src->disable_timeout) >= 0) {
        dst->present |= BIT(TERN_SERV_DISABLE_TIMEOUT);
    }
    if (src->initial_registration_delay_timer) {
        dst->initial_delay = *src->initial_registration_delay_timer;
    }
    if (src->bootstrap_on_registration_failure) {
        dst->bootstrap_on_failure = *src->bootstrap_on_registration_failure;
    }
    if (src->preferred_transport) {
        dst->preferred_transport = src->preferred_transport;
        dst->present |= BIT(TERN_SERV_PREFERRED_TRANSPORT);
    }
    dst->mute_send = src->mute_send;
    if (src->communication_retry_count) {
        dst->retry_count = *src->communication_retry_count;
    }
    if (src->communication_retry_timer) {
        dst->retry_timer = *src->communication_retry_timer;
    }
    if (src->communication_sequence_retry_count) {
        dst->sequence_retry_count = *src->communication_sequence_retry_count;
    }
    if (src->communication_sequence_delay_timer) {
        dst->sequence_delay = *src->communication_sequence_delay_timer;
    }
}

static tern_serv_instance_t *find(tern_serv_object_t *obj, anjay_iid_t iid) {
    for (size_t i = 0; i < obj->count; ++i) {
        if (obj->instances[i].iid == iid) {
            return &obj->instances[i];
        }
    }
    return NULL;
}

int anjay_server_object_add_instance(anjay_t *anjay,
                                     const anjay_server_instance_t *instance,
                                     anjay_iid_t *inout_iid) {
    tern_serv_object_t *obj = tern_serv_object_get(anjay);
    if (!obj || !instance || !inout_iid) {
        return -1;
    }
    anjay_iid_t iid = *inout_iid;
    if (iid == ANJAY_ID_INVALID) {
        for (iid = 0; iid < ANJAY_ID_INVALID && find(obj, iid); ++iid) {
        }
        if (iid == ANJAY_ID_INVALID) {
            serv_log(ERROR, "no free Server Instance ID");
            return -1;
        }
    } else if (find(obj, iid)) {
        serv_log(ERROR, "Server Instance /1/%u exists already", (unsigned) iid);
        return -1;
    }
    tern_serv_instance_t inst;
    tern_serv_instance_init(&inst, iid);
    copy_public(instance, &inst);
    if (instance->binding) {
        if (tern_obj_dup_string(instance->binding, &inst.binding)) {
            return -1;
        }
        inst.present |= BIT(TERN_SERV_BINDING);
    }
    if (tern_serv_instance_validate(&inst) ||
        tern_serv_object_insert(obj, &inst)) {
        avs_free(inst.binding);
        return -1;
    }
    if (tern_serv_object_validate(obj)) {
        tern_serv_object_remove_at(obj,
                                   (size_t) (find(obj, iid) - obj->instances));
        return -1;
    }
    obj->modified = true;
    *inout_iid = iid;
    tern_io_path_t path = tern_io_path_object(ANJAY_DM_OID_SERVER);
    (void) tern_dm_changes_record(anjay, TERN_DM_CHANGE_INSTANCES, &path,
                                  ANJAY_SSID_ANY);
    return 0;
}

void anjay_server_object_purge(anjay_t *anjay) {
    tern_serv_object_t *obj = tern_serv_object_get(anjay);
    if (!obj) {
        return;
    }
    for (size_t i = 0; i < obj->count; ++i) {
        tern_attr_storage_remove_ssid(&anjay->attr_storage,
                                      (anjay_ssid_t) obj->instances[i].ssid);
    }
    if (obj->count) {
        obj->modified = true;
    }
    tern_serv_object_clear(obj);
    tern_io_path_t path = tern_io_path_object(ANJAY_DM_OID_SERVER);
    (void) tern_dm_changes_record(anjay, TERN_DM_CHANGE_INSTANCES, &path,
                                  ANJAY_SSID_ANY);
}

AVS_LIST(const anjay_ssid_t) anjay_server_get_ssids(anjay_t *anjay) {
    tern_serv_object_t *obj = tern_serv_object_get(anjay);
    if (!obj) {
        return NULL;
    }
    AVS_LIST_CLEAR(&obj->ssids);
    /* During a transaction the state from before it counts. */
    const tern_serv_instance_t *instances =
            obj->in_transaction ? obj->saved : obj->instances;
    size_t count = obj->in_transaction ? obj->saved_count : obj->count;
    AVS_LIST(anjay_ssid_t) *tail = &obj->ssids;
    for (size_t i = 0; i < count; ++i) {
        AVS_LIST(anjay_ssid_t) element = AVS_LIST_NEW_ELEMENT(anjay_ssid_t);
        if (!element) {
            serv_log(ERROR, "out of memory listing SSIDs");
            AVS_LIST_CLEAR(&obj->ssids);
            return NULL;
        }
        *element = (anjay_ssid_t) instances[i].ssid;
        AVS_LIST_INSERT(tail, element);
        tail = AVS_LIST_NEXT_PTR(tail);
    }
    return obj->ssids;
}

bool anjay_server_object_is_modified(anjay_t *anjay) {
    tern_serv_object_t *obj = tern_serv_object_get(anjay);
    return obj && obj->modified;
}

int anjay_server_object_set_lifetime(anjay_t *anjay, anjay_iid_t iid,
                                     int32_t lifetime) {
    tern_serv_object_t *obj = tern_serv_object_get(anjay);
    if (!obj) {
        return -1;
    }
    tern_serv_instance_t *inst = find(obj, iid);
    if (!inst) {
        serv_log(ERROR, "no Server Instance /1/%u", (unsigned) iid);
        return -1;
    }
    if (lifetime <= 0) {
        serv_log(ERROR, "Lifetime must be positive, not %ld", (long) lifetime);
        return -1;
    }
    if (inst->lifetime != lifetime) {
        inst->lifetime = lifetime;
        obj->modified = true;
        tern_io_path_t path = tern_io_path_resource(ANJAY_DM_OID_SERVER, iid,
                                                    TERN_SERV_LIFETIME);
        (void) tern_dm_changes_record(anjay, TERN_DM_CHANGE_VALUE, &path,
                                      ANJAY_SSID_ANY);
    }
    return 0;
}

avs_error_t anjay_server_object_persist(anjay_t *anjay,
                                        avs_stream_t *out_stream) {
    (void) anjay;
    (void) out_stream;
    serv_log(ERROR, "Server Object persistence needs avs_stream, which Tern "
                    "does not provide yet");
    return avs_errno(AVS_ENOTSUP);
}

avs_error_t anjay_server_object_restore(anjay_t *anjay,
                                        avs_stream_t *in_stream) {
    (void) anjay;
    (void) in_stream;
    serv_log(ERROR, "Server Object persistence needs avs_stream, which Tern "
                    "does not provide yet");
    return avs_errno(AVS_ENOTSUP);
}
