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

/* Disable Timeout when the Resource is absent (LwM2M: one day). */
#define DEFAULT_DISABLE_TIMEOUT_S 86400

static tern_serv_object_t *
get_obj(const anjay_dm_object_def_t *const *obj_ptr) {
    return AVS_CONTAINER_OF(obj_ptr, tern_serv_object_t, def);
}

static tern_serv_instance_t *find(tern_serv_object_t *obj, anjay_iid_t iid) {
    for (size_t i = 0; i < obj->count; ++i) {
        if (obj->instances[i].iid == iid) {
            return &obj->instances[i];
        }
    }
    return NULL;
}

/* A freshly created Instance: the Resources with LwM2M defaults present,
 * everything else absent until written. */
static void init_instance(tern_serv_instance_t *inst, anjay_iid_t iid) {
    memset(inst, 0, sizeof(*inst));
    inst->iid = iid;
    inst->ssid = -1;
    inst->default_pmin = -1;
    inst->default_pmax = -1;
    inst->disable_timeout = -1;
    inst->initial_delay = ANJAY_COMMUNICATION_RETRY_PARAMS_DEFAULT
                                  .initial_registration_delay_timer_s;
    inst->bootstrap_on_failure = true;
    inst->retry_count = ANJAY_COMMUNICATION_RETRY_PARAMS_DEFAULT.retry_count;
    inst->retry_timer = ANJAY_COMMUNICATION_RETRY_PARAMS_DEFAULT.retry_timer_s;
    inst->sequence_delay =
            ANJAY_COMMUNICATION_RETRY_PARAMS_DEFAULT.sequence_delay_timer_s;
    inst->sequence_retry_count =
            ANJAY_COMMUNICATION_RETRY_PARAMS_DEFAULT.sequence_retry_count;
    inst->present =
            BIT(TERN_SERV_DISABLE) | BIT(TERN_SERV_UPDATE_TRIGGER) |
            BIT(TERN_SERV_BOOTSTRAP_TRIGGER) |
            BIT(TERN_SERV_NOTIFICATION_STORING) | BIT(TERN_SERV_INITIAL_DELAY) |
            BIT(TERN_SERV_BOOTSTRAP_ON_FAILURE) | BIT(TERN_SERV_RETRY_COUNT) |
            BIT(TERN_SERV_RETRY_TIMER) | BIT(TERN_SERV_SEQUENCE_DELAY) |
            BIT(TERN_SERV_SEQUENCE_RETRY_COUNT) | BIT(TERN_SERV_MUTE_SEND);
}

static void free_array(tern_serv_instance_t *array, size_t count) {
    for (size_t i = 0; i < count; ++i) {
        avs_free(array[i].binding);
    }
    avs_free(array);
}

static int clone_array(const tern_serv_instance_t *src, size_t count,
                       tern_serv_instance_t **out) {
    *out = NULL;
    if (!count) {
        return 0;
    }
    tern_serv_instance_t *copy =
            (tern_serv_instance_t *) avs_calloc(count, sizeof(*copy));
    if (!copy) {
        serv_log(ERROR, "out of memory copying Server Instances");
        return -1;
    }
    for (size_t i = 0; i < count; ++i) {
        copy[i] = src[i];
        copy[i].binding = NULL;
        if (tern_obj_dup_string(src[i].binding, &copy[i].binding)) {
            free_array(copy, i);
            return -1;
        }
    }
    *out = copy;
    return 0;
}

int tern_serv_object_insert(tern_serv_object_t *obj,
                            const tern_serv_instance_t *inst) {
    tern_serv_instance_t *grown = (tern_serv_instance_t *) avs_realloc(
            obj->instances, (obj->count + 1) * sizeof(*grown));
    if (!grown) {
        serv_log(ERROR, "out of memory creating a Server Instance");
        return ANJAY_ERR_INTERNAL;
    }
    obj->instances = grown;
    size_t index = 0;
    while (index < obj->count && obj->instances[index].iid < inst->iid) {
        ++index;
    }
    memmove(&obj->instances[index + 1], &obj->instances[index],
            (obj->count - index) * sizeof(*obj->instances));
    obj->instances[index] = *inst;
    ++obj->count;
    return 0;
}

void tern_serv_object_remove_at(tern_serv_object_t *obj, size_t index) {
    avs_free(obj->instances[index].binding);
    memmove(&obj->instances[index], &obj->instances[index + 1],
            (obj->count - index - 1) * sizeof(*obj->instances));
    --obj->count;
}

void tern_serv_object_clear(tern_serv_object_t *obj) {
    free_array(obj->instances, obj->count);
    obj->instances = NULL;
    obj->count = 0;
}

static int serv_list_instances(anjay_t *anjay,
                               const anjay_dm_object_def_t *const *obj_ptr,
                               anjay_dm_list_ctx_t *ctx) {
    (void) anjay;
    tern_serv_object_t *obj = get_obj(obj_ptr);
    for (size_t i = 0; i < obj->count; ++i) {
        anjay_dm_emit(ctx, obj->instances[i].iid);
    }
    return 0;
}

static int serv_instance_create(anjay_t *anjay,
                                const anjay_dm_object_def_t *const *obj_ptr,
                                anjay_iid_t iid) {
    (void) anjay;
    tern_serv_object_t *obj = get_obj(obj_ptr);
    tern_serv_instance_t inst;
    init_instance(&inst, iid);
    int result = tern_serv_object_insert(obj, &inst);
    if (!result) {
        obj->dirty = true;
    }
    return result;
}

static int serv_instance_remove(anjay_t *anjay,
                                const anjay_dm_object_def_t *const *obj_ptr,
                                anjay_iid_t iid) {
    (void) anjay;
    tern_serv_object_t *obj = get_obj(obj_ptr);
    tern_serv_instance_t *inst = find(obj, iid);
    if (!inst) {
        return ANJAY_ERR_NOT_FOUND;
    }
    tern_serv_object_remove_at(obj, (size_t) (inst - obj->instances));
    obj->dirty = true;
    return 0;
}

/* Replacing an Instance keeps its identity (the SSID) and starts every
 * writable Resource afresh. */
static int serv_instance_reset(anjay_t *anjay,
                               const anjay_dm_object_def_t *const *obj_ptr,
                               anjay_iid_t iid) {
    (void) anjay;
    tern_serv_object_t *obj = get_obj(obj_ptr);
    tern_serv_instance_t *inst = find(obj, iid);
    if (!inst) {
        return ANJAY_ERR_NOT_FOUND;
    }
    int32_t ssid = inst->ssid;
    bool had_ssid = inst->present & BIT(TERN_SERV_SSID);
    avs_free(inst->binding);
    init_instance(inst, iid);
    if (had_ssid) {
        inst->ssid = ssid;
        inst->present |= BIT(TERN_SERV_SSID);
    }
    obj->dirty = true;
    return 0;
}

static const struct {
    anjay_rid_t rid;
    anjay_dm_resource_kind_t kind;
} SERV_RESOURCES[] = {{TERN_SERV_SSID, ANJAY_DM_RES_R},
                      {TERN_SERV_LIFETIME, ANJAY_DM_RES_RW},
                      {TERN_SERV_DEFAULT_PMIN, ANJAY_DM_RES_RW},
                      {TERN_SERV_DEFAULT_PMAX, ANJAY_DM_RES_RW},
                      {TERN_SERV_DISABLE, ANJAY_DM_RES_E},
                      {TERN_SERV_DISABLE_TIMEOUT, ANJAY_DM_RES_RW},
                      {TERN_SERV_NOTIFICATION_STORING, ANJAY_DM_RES_RW},
                      {TERN_SERV_BINDING, ANJAY_DM_RES_RW},
                      {TERN_SERV_UPDATE_TRIGGER, ANJAY_DM_RES_E},
                      {TERN_SERV_BOOTSTRAP_TRIGGER, ANJAY_DM_RES_E},
                      {TERN_SERV_INITIAL_DELAY, ANJAY_DM_RES_RW},
                      {TERN_SERV_BOOTSTRAP_ON_FAILURE, ANJAY_DM_RES_RW},
                      {TERN_SERV_RETRY_COUNT, ANJAY_DM_RES_RW},
                      {TERN_SERV_RETRY_TIMER, ANJAY_DM_RES_RW},
                      {TERN_SERV_SEQUENCE_DELAY, ANJAY_DM_RES_RW},
                      {TERN_SERV_SEQUENCE_RETRY_COUNT, ANJAY_DM_RES_RW},
                      {TERN_SERV_PREFERRED_TRANSPORT, ANJAY_DM_RES_RW},
                      {TERN_SERV_MUTE_SEND, ANJAY_DM_RES_RW}};

static int serv_list_resources(anjay_t *anjay,
                               const anjay_dm_object_def_t *const *obj_ptr,
                               anjay_iid_t iid,
                               anjay_dm_resource_list_ctx_t *ctx) {
    (void) anjay;
    tern_serv_instance_t *inst = find(get_obj(obj_ptr), iid);
    if (!inst) {
        return ANJAY_ERR_NOT_FOUND;
    }
    for (size_t i = 0; i < AVS_ARRAY_SIZE(SERV_RESOURCES); ++i) {
        anjay_rid_t rid = SERV_RESOURCES[i].rid;
        anjay_dm_emit_res(ctx, rid, SERV_RESOURCES[i].kind,
                          (inst->present & BIT(rid)) ? ANJAY_DM_RES_PRESENT
                                                     : ANJAY_DM_RES_ABSENT);
    }
    return 0;
}

static int serv_resource_read(anjay_t *anjay,
                              const anjay_dm_object_def_t *const *obj_ptr,
                              anjay_iid_t iid, anjay_rid_t rid,
                              anjay_riid_t riid, anjay_output_ctx_t *ctx) {
    (void) anjay;
    (void) riid;
    tern_serv_instance_t *inst = find(get_obj(obj_ptr), iid);
    if (!inst || !(inst->present & BIT(rid))) {
        return ANJAY_ERR_NOT_FOUND;
    }
    switch (rid) {
        case TERN_SERV_SSID:
            return anjay_ret_i64(ctx, inst->ssid);
        case TERN_SERV_LIFETIME:
            return anjay_ret_i64(ctx, inst->lifetime);
        case TERN_SERV_DEFAULT_PMIN:
            return anjay_ret_i64(ctx, inst->default_pmin);
        case TERN_SERV_DEFAULT_PMAX:
            return anjay_ret_i64(ctx, inst->default_pmax);
        case TERN_SERV_DISABLE_TIMEOUT:
            return anjay_ret_i64(ctx, inst->disable_timeout);
        case TERN_SERV_NOTIFICATION_STORING:
            return anjay_ret_bool(ctx, inst->notification_storing);
        case TERN_SERV_BINDING:
            return anjay_ret_string(ctx, inst->binding);
        case TERN_SERV_INITIAL_DELAY:
            return anjay_ret_u64(ctx, inst->initial_delay);
        case TERN_SERV_BOOTSTRAP_ON_FAILURE:
            return anjay_ret_bool(ctx, inst->bootstrap_on_failure);
        case TERN_SERV_RETRY_COUNT:
            return anjay_ret_u64(ctx, inst->retry_count);
        case TERN_SERV_RETRY_TIMER:
            return anjay_ret_u64(ctx, inst->retry_timer);
        case TERN_SERV_SEQUENCE_DELAY:
            return anjay_ret_u64(ctx, inst->sequence_delay);
        case TERN_SERV_SEQUENCE_RETRY_COUNT:
            return anjay_ret_u64(ctx, inst->sequence_retry_count);
        case TERN_SERV_PREFERRED_TRANSPORT: {
            char text[2] = {inst->preferred_transport, '\0'};
            return anjay_ret_string(ctx, text);
        }
        case TERN_SERV_MUTE_SEND:
            return anjay_ret_bool(ctx, inst->mute_send);
        default:
            return ANJAY_ERR_METHOD_NOT_ALLOWED;
    }
}

static int get_i32_min(anjay_input_ctx_t *ctx, int32_t min, int32_t *out) {
    int32_t value;
    int result = anjay_get_i32(ctx, &value);
    if (!result && value < min) {
        serv_log(DEBUG, "value %ld below %ld", (long) value, (long) min);
        result = ANJAY_ERR_BAD_REQUEST;
    }
    if (!result) {
        *out = value;
    }
    return result;
}

static int write_transport(anjay_input_ctx_t *ctx, char *out) {
    char text[3];
    int result = anjay_get_string(ctx, text, sizeof(text));
    if (result || strlen(text) != 1) {
        serv_log(DEBUG, "Preferred Transport must be one letter");
        return result < 0 ? result : ANJAY_ERR_BAD_REQUEST;
    }
    *out = text[0];
    return 0;
}

static int write_resource(tern_serv_instance_t *inst, anjay_rid_t rid,
                          anjay_input_ctx_t *ctx) {
    switch (rid) {
        case TERN_SERV_SSID:
            return get_i32_min(ctx, 1, &inst->ssid);
        case TERN_SERV_LIFETIME:
            return get_i32_min(ctx, 0, &inst->lifetime);
        case TERN_SERV_DEFAULT_PMIN:
            return get_i32_min(ctx, 0, &inst->default_pmin);
        case TERN_SERV_DEFAULT_PMAX:
            return get_i32_min(ctx, 0, &inst->default_pmax);
        case TERN_SERV_DISABLE_TIMEOUT:
            return get_i32_min(ctx, 0, &inst->disable_timeout);
        case TERN_SERV_NOTIFICATION_STORING:
            return anjay_get_bool(ctx, &inst->notification_storing);
        case TERN_SERV_BINDING: {
            char *binding;
            int result = tern_obj_get_string(ctx, &binding, 8);
            if (!result) {
                avs_free(inst->binding);
                inst->binding = binding;
            }
            return result;
        }
        case TERN_SERV_INITIAL_DELAY:
            return anjay_get_u32(ctx, &inst->initial_delay);
        case TERN_SERV_BOOTSTRAP_ON_FAILURE:
            return anjay_get_bool(ctx, &inst->bootstrap_on_failure);
        case TERN_SERV_RETRY_COUNT:
            return anjay_get_u32(ctx, &inst->retry_count);
        case TERN_SERV_RETRY_TIMER:
            return anjay_get_u32(ctx, &inst->retry_timer);
        case TERN_SERV_SEQUENCE_DELAY:
            return anjay_get_u32(ctx, &inst->sequence_delay);
        case TERN_SERV_SEQUENCE_RETRY_COUNT:
            return anjay_get_u32(ctx, &inst->sequence_retry_count);
        case TERN_SERV_PREFERRED_TRANSPORT:
            return write_transport(ctx, &inst->preferred_transport);
        case TERN_SERV_MUTE_SEND:
            return anjay_get_bool(ctx, &inst->mute_send);
        default:
            return ANJAY_ERR_METHOD_NOT_ALLOWED;
    }
}

static int serv_resource_write(anjay_t *anjay,
                               const anjay_dm_object_def_t *const *obj_ptr,
                               anjay_iid_t iid, anjay_rid_t rid,
                               anjay_riid_t riid, anjay_input_ctx_t *ctx) {
    (void) anjay;
    (void) riid;
    tern_serv_object_t *obj = get_obj(obj_ptr);
    tern_serv_instance_t *inst = find(obj, iid);
    if (!inst) {
        return ANJAY_ERR_NOT_FOUND;
    }
    int result = write_resource(inst, rid, ctx);
    if (!result) {
        inst->present |= BIT(rid);
        obj->dirty = true;
    }
    return result;
}

static int call_hook(anjay_t *anjay, tern_serv_instance_t *inst,
                     anjay_rid_t rid) {
    const tern_session_hooks_t *hooks = &anjay->session_hooks;
    anjay_ssid_t ssid = (anjay_ssid_t) inst->ssid;
    int result = ANJAY_ERR_INTERNAL;
    switch (rid) {
        case TERN_SERV_DISABLE:
            if (hooks->disable_server) {
                int32_t timeout_s =
                        inst->present & BIT(TERN_SERV_DISABLE_TIMEOUT)
                                ? inst->disable_timeout
                                : DEFAULT_DISABLE_TIMEOUT_S;
                result = hooks->disable_server(
                        anjay, ssid,
                        avs_time_duration_from_scalar(timeout_s, AVS_TIME_S),
                        hooks->arg);
            }
            break;
        case TERN_SERV_UPDATE_TRIGGER:
            if (hooks->registration_update_trigger) {
                result = hooks->registration_update_trigger(anjay, ssid,
                                                            hooks->arg);
            }
            break;
        case TERN_SERV_BOOTSTRAP_TRIGGER:
            if (hooks->bootstrap_request_trigger) {
                result = hooks->bootstrap_request_trigger(anjay, ssid,
                                                          hooks->arg);
            }
            break;
        default:
            return ANJAY_ERR_METHOD_NOT_ALLOWED;
    }
    if (result == ANJAY_ERR_INTERNAL) {
        serv_log(ERROR,
                 "Execute of /1/%u/%u failed: the session layer did "
                 "not accept it",
                 (unsigned) inst->iid, (unsigned) rid);
    }
    return result;
}

static int serv_resource_execute(anjay_t *anjay,
                                 const anjay_dm_object_def_t *const *obj_ptr,
                                 anjay_iid_t iid, anjay_rid_t rid,
                                 anjay_execute_ctx_t *ctx) {
    (void) ctx;
    tern_serv_instance_t *inst = find(get_obj(obj_ptr), iid);
    if (!inst) {
        return ANJAY_ERR_NOT_FOUND;
    }
    return call_hook(anjay, inst, rid);
}

static int serv_transaction_begin(anjay_t *anjay,
                                  const anjay_dm_object_def_t *const *obj_ptr) {
    (void) anjay;
    tern_serv_object_t *obj = get_obj(obj_ptr);
    if (clone_array(obj->instances, obj->count, &obj->saved)) {
        return ANJAY_ERR_INTERNAL;
    }
    obj->saved_count = obj->count;
    obj->dirty = false;
    obj->in_transaction = true;
    return 0;
}

static int
serv_transaction_validate(anjay_t *anjay,
                          const anjay_dm_object_def_t *const *obj_ptr) {
    (void) anjay;
    return tern_serv_object_validate(get_obj(obj_ptr));
}

static int
serv_transaction_commit(anjay_t *anjay,
                        const anjay_dm_object_def_t *const *obj_ptr) {
    (void) anjay;
    tern_serv_object_t *obj = get_obj(obj_ptr);
    free_array(obj->saved, obj->saved_count);
    obj->saved = NULL;
    obj->saved_count = 0;
    obj->in_transaction = false;
    if (obj->dirty) {
        obj->modified = true;
    }
    return 0;
}

static int
serv_transaction_rollback(anjay_t *anjay,
                          const anjay_dm_object_def_t *const *obj_ptr) {
    (void) anjay;
    tern_serv_object_t *obj = get_obj(obj_ptr);
    free_array(obj->instances, obj->count);
    obj->instances = obj->saved;
    obj->count = obj->saved_count;
    obj->saved = NULL;
    obj->saved_count = 0;
    obj->dirty = false;
    obj->in_transaction = false;
    return 0;
}

static const anjay_dm_object_def_t SERVER_DEF = {
        .oid = ANJAY_DM_OID_SERVER,
        .version = "1.1",
        .handlers = {.list_instances = serv_list_instances,
                     .instance_create = serv_instance_create,
                     .instance_remove = serv_instance_remove,
                     .instance_reset = serv_instance_reset,
                     .list_resources = serv_list_resources,
                     .resource_read = serv_resource_read,
                     .resource_write = serv_resource_write,
                     .resource_execute = serv_resource_execute,
                     .transaction_begin = serv_transaction_begin,
                     .transaction_validate = serv_transaction_validate,
                     .transaction_commit = serv_transaction_commit,
                     .transaction_rollback = serv_transaction_rollback}};

static const char SERVER_MODULE_KEY = 0;

static void server_delete(anjay_t *anjay, void *data) {
    (void) anjay;
    tern_serv_object_t *obj = (tern_serv_object_t *) data;
    free_array(obj->instances, obj->count);
    free_array(obj->saved, obj->saved_count);
    AVS_LIST_CLEAR(&obj->ssids);
    avs_free(obj);
}

tern_serv_object_t *tern_serv_object_get(anjay_t *anjay) {
    return (tern_serv_object_t *) tern_obj_get(anjay, &SERVER_MODULE_KEY,
                                               "Server");
}

int anjay_server_object_install(anjay_t *anjay) {
    return tern_obj_install(anjay, &SERVER_MODULE_KEY,
                            sizeof(tern_serv_object_t), &SERVER_DEF,
                            server_delete, "Server");
}

void tern_serv_instance_init(tern_serv_instance_t *inst, anjay_iid_t iid) {
    init_instance(inst, iid);
}
