/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

#include <string.h>

#include <avsystem/commons/avs_memory.h>

#include "../anjay_core.h"
#include "obj_utils.h"
#include "security_object.h"

#define sec_log(Level, ...) avs_log(anjay, Level, __VA_ARGS__)

#define BIT(Rid) (1u << (Rid))

static tern_sec_object_t *get_obj(const anjay_dm_object_def_t *const *obj_ptr) {
    return AVS_CONTAINER_OF(obj_ptr, tern_sec_object_t, def);
}

static tern_sec_instance_t *find(tern_sec_object_t *obj, anjay_iid_t iid) {
    for (size_t i = 0; i < obj->count; ++i) {
        if (obj->instances[i].iid == iid) {
            return &obj->instances[i];
        }
    }
    return NULL;
}

void tern_sec_instance_free(tern_sec_instance_t *inst) {
    avs_free(inst->uri);
    avs_free(inst->pk_or_identity);
    avs_free(inst->server_pk);
    tern_obj_free_secret(inst->secret_key, inst->secret_key_size);
    avs_free(inst->sni);
    avs_free(inst->suite_riids);
    avs_free(inst->suites);
    anjay_iid_t iid = inst->iid;
    memset(inst, 0, sizeof(*inst));
    inst->iid = iid;
    inst->ssid = -1;
    inst->holdoff_s = -1;
    inst->bs_timeout_s = -1;
    inst->matching_type = -1;
    inst->cert_usage = -1;
}

static int clone_suites(const tern_sec_instance_t *src,
                        tern_sec_instance_t *dst) {
    if (!src->suite_count) {
        return 0;
    }
    dst->suite_riids =
            (anjay_riid_t *) avs_calloc(src->suite_count, sizeof(anjay_riid_t));
    dst->suites = (uint32_t *) avs_calloc(src->suite_count, sizeof(uint32_t));
    if (!dst->suite_riids || !dst->suites) {
        sec_log(ERROR, "out of memory copying cipher suites");
        return -1;
    }
    memcpy(dst->suite_riids, src->suite_riids,
           src->suite_count * sizeof(anjay_riid_t));
    memcpy(dst->suites, src->suites, src->suite_count * sizeof(uint32_t));
    return 0;
}

static int clone_instance(const tern_sec_instance_t *src,
                          tern_sec_instance_t *dst) {
    *dst = *src;
    dst->uri = NULL;
    dst->pk_or_identity = NULL;
    dst->server_pk = NULL;
    dst->secret_key = NULL;
    dst->sni = NULL;
    dst->suite_riids = NULL;
    dst->suites = NULL;
    if (tern_obj_dup_string(src->uri, &dst->uri) ||
        (src->pk_or_identity &&
         tern_obj_dup_bytes(src->pk_or_identity, src->pk_or_identity_size,
                            &dst->pk_or_identity)) ||
        (src->server_pk &&
         tern_obj_dup_bytes(src->server_pk, src->server_pk_size,
                            &dst->server_pk)) ||
        (src->secret_key &&
         tern_obj_dup_bytes(src->secret_key, src->secret_key_size,
                            &dst->secret_key)) ||
        tern_obj_dup_string(src->sni, &dst->sni) || clone_suites(src, dst)) {
        tern_sec_instance_free(dst);
        return -1;
    }
    return 0;
}

static void free_array(tern_sec_instance_t *array, size_t count) {
    for (size_t i = 0; i < count; ++i) {
        tern_sec_instance_free(&array[i]);
    }
    avs_free(array);
}

static int sec_list_instances(anjay_t *anjay,
                              const anjay_dm_object_def_t *const *obj_ptr,
                              anjay_dm_list_ctx_t *ctx) {
    (void) anjay;
    tern_sec_object_t *obj = get_obj(obj_ptr);
    for (size_t i = 0; i < obj->count; ++i) {
        anjay_dm_emit(ctx, obj->instances[i].iid);
    }
    return 0;
}

static int insert_empty(tern_sec_object_t *obj, anjay_iid_t iid) {
    tern_sec_instance_t *grown = (tern_sec_instance_t *) avs_realloc(
            obj->instances, (obj->count + 1) * sizeof(*grown));
    if (!grown) {
        sec_log(ERROR, "out of memory creating a Security Instance");
        return ANJAY_ERR_INTERNAL;
    }
    obj->instances = grown;
    size_t index = 0;
    while (index < obj->count && obj->instances[index].iid < iid) {
        ++index;
    }
    memmove(&obj->instances[index + 1], &obj->instances[index],
            (obj->count - index) * sizeof(*obj->instances));
    memset(&obj->instances[index], 0, sizeof(obj->instances[index]));
    obj->instances[index].iid = iid;
    tern_sec_instance_free(&obj->instances[index]);
    ++obj->count;
    return 0;
}

static int sec_instance_create(anjay_t *anjay,
                               const anjay_dm_object_def_t *const *obj_ptr,
                               anjay_iid_t iid) {
    (void) anjay;
    tern_sec_object_t *obj = get_obj(obj_ptr);
    int result = insert_empty(obj, iid);
    if (!result) {
        obj->dirty = true;
    }
    return result;
}

static int sec_instance_remove(anjay_t *anjay,
                               const anjay_dm_object_def_t *const *obj_ptr,
                               anjay_iid_t iid) {
    (void) anjay;
    tern_sec_object_t *obj = get_obj(obj_ptr);
    tern_sec_instance_t *inst = find(obj, iid);
    if (!inst) {
        return ANJAY_ERR_NOT_FOUND;
    }
    tern_sec_instance_free(inst);
    size_t index = (size_t) (inst - obj->instances);
    memmove(inst, inst + 1, (obj->count - index - 1) * sizeof(*inst));
    --obj->count;
    obj->dirty = true;
    return 0;
}

static int sec_instance_reset(anjay_t *anjay,
                              const anjay_dm_object_def_t *const *obj_ptr,
                              anjay_iid_t iid) {
    (void) anjay;
    tern_sec_object_t *obj = get_obj(obj_ptr);
    tern_sec_instance_t *inst = find(obj, iid);
    if (!inst) {
        return ANJAY_ERR_NOT_FOUND;
    }
    tern_sec_instance_free(inst);
    obj->dirty = true;
    return 0;
}

static const anjay_rid_t SEC_RIDS[] = {
        TERN_SEC_URI,        TERN_SEC_BOOTSTRAP,
        TERN_SEC_MODE,       TERN_SEC_PK_OR_IDENTITY,
        TERN_SEC_SERVER_PK,  TERN_SEC_SECRET_KEY,
        TERN_SEC_SSID,       TERN_SEC_HOLDOFF,
        TERN_SEC_BS_TIMEOUT, TERN_SEC_MATCHING_TYPE,
        TERN_SEC_SNI,        TERN_SEC_CERT_USAGE,
        TERN_SEC_CIPHERSUITE};

static int sec_list_resources(anjay_t *anjay,
                              const anjay_dm_object_def_t *const *obj_ptr,
                              anjay_iid_t iid,
                              anjay_dm_resource_list_ctx_t *ctx) {
    (void) anjay;
    tern_sec_instance_t *inst = find(get_obj(obj_ptr), iid);
    if (!inst) {
        return ANJAY_ERR_NOT_FOUND;
    }
    for (size_t i = 0; i < AVS_ARRAY_SIZE(SEC_RIDS); ++i) {
        anjay_rid_t rid = SEC_RIDS[i];
        anjay_dm_emit_res(ctx, rid,
                          rid == TERN_SEC_CIPHERSUITE ? ANJAY_DM_RES_RWM
                                                      : ANJAY_DM_RES_RW,
                          (inst->present & BIT(rid)) ? ANJAY_DM_RES_PRESENT
                                                     : ANJAY_DM_RES_ABSENT);
    }
    return 0;
}

static int sec_resource_read(anjay_t *anjay,
                             const anjay_dm_object_def_t *const *obj_ptr,
                             anjay_iid_t iid, anjay_rid_t rid,
                             anjay_riid_t riid, anjay_output_ctx_t *ctx) {
    (void) anjay;
    tern_sec_instance_t *inst = find(get_obj(obj_ptr), iid);
    if (!inst || !(inst->present & BIT(rid))) {
        return ANJAY_ERR_NOT_FOUND;
    }
    switch (rid) {
        case TERN_SEC_URI:
            return anjay_ret_string(ctx, inst->uri);
        case TERN_SEC_BOOTSTRAP:
            return anjay_ret_bool(ctx, inst->bootstrap);
        case TERN_SEC_MODE:
            return anjay_ret_i64(ctx, inst->mode);
        case TERN_SEC_PK_OR_IDENTITY:
            return anjay_ret_bytes(ctx, inst->pk_or_identity,
                                   inst->pk_or_identity_size);
        case TERN_SEC_SERVER_PK:
            return anjay_ret_bytes(ctx, inst->server_pk, inst->server_pk_size);
        case TERN_SEC_SECRET_KEY:
            return anjay_ret_bytes(ctx, inst->secret_key,
                                   inst->secret_key_size);
        case TERN_SEC_SSID:
            return anjay_ret_i64(ctx, inst->ssid);
        case TERN_SEC_HOLDOFF:
            return anjay_ret_i64(ctx, inst->holdoff_s);
        case TERN_SEC_BS_TIMEOUT:
            return anjay_ret_i64(ctx, inst->bs_timeout_s);
        case TERN_SEC_MATCHING_TYPE:
            return anjay_ret_u64(ctx, (uint64_t) inst->matching_type);
        case TERN_SEC_SNI:
            return anjay_ret_string(ctx, inst->sni);
        case TERN_SEC_CERT_USAGE:
            return anjay_ret_u64(ctx, (uint64_t) inst->cert_usage);
        case TERN_SEC_CIPHERSUITE:
            for (size_t i = 0; i < inst->suite_count; ++i) {
                if (inst->suite_riids[i] == riid) {
                    return anjay_ret_u64(ctx, inst->suites[i]);
                }
            }
            return ANJAY_ERR_NOT_FOUND;
        default:
            return ANJAY_ERR_NOT_FOUND;
    }
}

static int get_i32_in(anjay_input_ctx_t *ctx, int32_t min, int32_t max,
                      int32_t *out) {
    int32_t value;
    int result = anjay_get_i32(ctx, &value);
    if (result) {
        return result;
    }
    if (value < min || value > max) {
        sec_log(DEBUG, "value %ld out of range %ld..%ld", (long) value,
                (long) min, (long) max);
        return ANJAY_ERR_BAD_REQUEST;
    }
    *out = value;
    return 0;
}

static int write_suite(tern_sec_instance_t *inst, anjay_riid_t riid,
                       anjay_input_ctx_t *ctx) {
    uint32_t id;
    int result = anjay_get_u32(ctx, &id);
    if (result) {
        return result;
    }
    size_t index = 0;
    while (index < inst->suite_count && inst->suite_riids[index] < riid) {
        ++index;
    }
    if (index < inst->suite_count && inst->suite_riids[index] == riid) {
        inst->suites[index] = id;
        return 0;
    }
    anjay_riid_t *riids = (anjay_riid_t *) avs_realloc(
            inst->suite_riids, (inst->suite_count + 1) * sizeof(*riids));
    if (riids) {
        inst->suite_riids = riids;
    }
    uint32_t *suites = (uint32_t *) avs_realloc(
            inst->suites, (inst->suite_count + 1) * sizeof(*suites));
    if (suites) {
        inst->suites = suites;
    }
    if (!riids || !suites) {
        sec_log(ERROR, "out of memory storing a cipher suite");
        return ANJAY_ERR_INTERNAL;
    }
    memmove(&riids[index + 1], &riids[index],
            (inst->suite_count - index) * sizeof(*riids));
    memmove(&suites[index + 1], &suites[index],
            (inst->suite_count - index) * sizeof(*suites));
    riids[index] = riid;
    suites[index] = id;
    ++inst->suite_count;
    return 0;
}

static int write_bytes(anjay_input_ctx_t *ctx, uint8_t **field,
                       size_t *field_size, size_t limit, bool secret) {
    uint8_t *data;
    size_t size;
    int result = tern_obj_get_bytes(ctx, &data, &size, limit);
    if (!result) {
        if (secret) {
            tern_obj_free_secret(*field, *field_size);
        } else {
            avs_free(*field);
        }
        *field = data;
        *field_size = size;
    }
    return result;
}

static int write_string(anjay_input_ctx_t *ctx, char **field) {
    char *value;
    int result =
            tern_obj_get_string(ctx, &value, ANJAY_MAX_URI_SEGMENT_SIZE * 4);
    if (!result) {
        avs_free(*field);
        *field = value;
    }
    return result;
}

static int write_resource(tern_sec_instance_t *inst, anjay_rid_t rid,
                          anjay_riid_t riid, anjay_input_ctx_t *ctx) {
    switch (rid) {
        case TERN_SEC_URI:
            return write_string(ctx, &inst->uri);
        case TERN_SEC_BOOTSTRAP:
            return anjay_get_bool(ctx, &inst->bootstrap);
        case TERN_SEC_MODE:
            return get_i32_in(ctx, 0, 4, &inst->mode);
        case TERN_SEC_PK_OR_IDENTITY:
            return write_bytes(ctx, &inst->pk_or_identity,
                               &inst->pk_or_identity_size,
                               ANJAY_MAX_PK_OR_IDENTITY_SIZE, false);
        case TERN_SEC_SERVER_PK:
            return write_bytes(ctx, &inst->server_pk, &inst->server_pk_size,
                               ANJAY_MAX_PK_OR_IDENTITY_SIZE, false);
        case TERN_SEC_SECRET_KEY:
            return write_bytes(ctx, &inst->secret_key, &inst->secret_key_size,
                               ANJAY_MAX_SECRET_KEY_SIZE, true);
        case TERN_SEC_SSID:
            return get_i32_in(ctx, 1, UINT16_MAX - 1, &inst->ssid);
        case TERN_SEC_HOLDOFF:
            return get_i32_in(ctx, 0, INT32_MAX, &inst->holdoff_s);
        case TERN_SEC_BS_TIMEOUT:
            return get_i32_in(ctx, 0, INT32_MAX, &inst->bs_timeout_s);
        case TERN_SEC_MATCHING_TYPE:
            return get_i32_in(ctx, 0, 3, &inst->matching_type);
        case TERN_SEC_SNI:
            return write_string(ctx, &inst->sni);
        case TERN_SEC_CERT_USAGE:
            return get_i32_in(ctx, 0, 3, &inst->cert_usage);
        case TERN_SEC_CIPHERSUITE:
            return write_suite(inst, riid, ctx);
        default:
            return ANJAY_ERR_NOT_FOUND;
    }
}

static int sec_resource_write(anjay_t *anjay,
                              const anjay_dm_object_def_t *const *obj_ptr,
                              anjay_iid_t iid, anjay_rid_t rid,
                              anjay_riid_t riid, anjay_input_ctx_t *ctx) {
    (void) anjay;
    tern_sec_object_t *obj = get_obj(obj_ptr);
    tern_sec_instance_t *inst = find(obj, iid);
    if (!inst) {
        return ANJAY_ERR_NOT_FOUND;
    }
    int result = write_resource(inst, rid, riid, ctx);
    if (!result) {
        inst->present |= BIT(rid);
        obj->dirty = true;
    }
    return result;
}

static int sec_resource_reset(anjay_t *anjay,
                              const anjay_dm_object_def_t *const *obj_ptr,
                              anjay_iid_t iid, anjay_rid_t rid) {
    (void) anjay;
    tern_sec_object_t *obj = get_obj(obj_ptr);
    tern_sec_instance_t *inst = find(obj, iid);
    if (!inst || rid != TERN_SEC_CIPHERSUITE) {
        return ANJAY_ERR_METHOD_NOT_ALLOWED;
    }
    avs_free(inst->suite_riids);
    avs_free(inst->suites);
    inst->suite_riids = NULL;
    inst->suites = NULL;
    inst->suite_count = 0;
    inst->present |= BIT(rid);
    obj->dirty = true;
    return 0;
}

static int sec_list_resource_instances(
        anjay_t *anjay, const anjay_dm_object_def_t *const *obj_ptr,
        anjay_iid_t iid, anjay_rid_t rid, anjay_dm_list_ctx_t *ctx) {
    (void) anjay;
    tern_sec_instance_t *inst = find(get_obj(obj_ptr), iid);
    if (!inst || rid != TERN_SEC_CIPHERSUITE) {
        return ANJAY_ERR_METHOD_NOT_ALLOWED;
    }
    for (size_t i = 0; i < inst->suite_count; ++i) {
        anjay_dm_emit(ctx, inst->suite_riids[i]);
    }
    return 0;
}

static int sec_transaction_begin(anjay_t *anjay,
                                 const anjay_dm_object_def_t *const *obj_ptr) {
    (void) anjay;
    tern_sec_object_t *obj = get_obj(obj_ptr);
    tern_sec_instance_t *saved = NULL;
    if (obj->count && !(saved = (tern_sec_instance_t *) avs_calloc(
                                obj->count, sizeof(*saved)))) {
        sec_log(ERROR, "out of memory starting a Security transaction");
        return ANJAY_ERR_INTERNAL;
    }
    for (size_t i = 0; i < obj->count; ++i) {
        if (clone_instance(&obj->instances[i], &saved[i])) {
            free_array(saved, i);
            return ANJAY_ERR_INTERNAL;
        }
    }
    obj->saved = saved;
    obj->saved_count = obj->count;
    obj->dirty = false;
    return 0;
}

static int
sec_transaction_validate(anjay_t *anjay,
                         const anjay_dm_object_def_t *const *obj_ptr) {
    (void) anjay;
    return tern_sec_object_validate(get_obj(obj_ptr));
}

static int sec_transaction_commit(anjay_t *anjay,
                                  const anjay_dm_object_def_t *const *obj_ptr) {
    (void) anjay;
    tern_sec_object_t *obj = get_obj(obj_ptr);
    free_array(obj->saved, obj->saved_count);
    obj->saved = NULL;
    obj->saved_count = 0;
    if (obj->dirty) {
        obj->modified = true;
    }
    return 0;
}

static int
sec_transaction_rollback(anjay_t *anjay,
                         const anjay_dm_object_def_t *const *obj_ptr) {
    (void) anjay;
    tern_sec_object_t *obj = get_obj(obj_ptr);
    free_array(obj->instances, obj->count);
    obj->instances = obj->saved;
    obj->count = obj->saved_count;
    obj->saved = NULL;
    obj->saved_count = 0;
    obj->dirty = false;
    return 0;
}

static const anjay_dm_object_def_t SECURITY_DEF = {
        .oid = ANJAY_DM_OID_SECURITY,
        .version = "1.1",
        .handlers = {.list_instances = sec_list_instances,
                     .instance_create = sec_instance_create,
                     .instance_remove = sec_instance_remove,
                     .instance_reset = sec_instance_reset,
                     .list_resources = sec_list_resources,
                     .resource_read = sec_resource_read,
                     .resource_write = sec_resource_write,
                     .resource_reset = sec_resource_reset,
                     .list_resource_instances = sec_list_resource_instances,
                     .transaction_begin = sec_transaction_begin,
                     .transaction_validate = sec_transaction_validate,
                     .transaction_commit = sec_transaction_commit,
                     .transaction_rollback = sec_transaction_rollback}};

static const char SECURITY_MODULE_KEY = 0;

static void security_delete(anjay_t *anjay, void *data) {
    (void) anjay;
    tern_sec_object_t *obj = (tern_sec_object_t *) data;
    free_array(obj->instances, obj->count);
    free_array(obj->saved, obj->saved_count);
    avs_free(obj);
}

tern_sec_object_t *tern_sec_object_get(anjay_t *anjay) {
    return (tern_sec_object_t *) tern_obj_get(anjay, &SECURITY_MODULE_KEY,
                                              "Security");
}

int anjay_security_object_install(anjay_t *anjay) {
    return tern_obj_install(anjay, &SECURITY_MODULE_KEY,
                            sizeof(tern_sec_object_t), &SECURITY_DEF,
                            security_delete, "Security");
}

int tern_sec_object_insert(tern_sec_object_t *obj,
                           const tern_sec_instance_t *inst) {
    int result = insert_empty(obj, inst->iid);
    if (!result) {
        tern_sec_instance_t *slot = find(obj, inst->iid);
        *slot = *inst;
    }
    return result;
}

void tern_sec_object_clear(tern_sec_object_t *obj) {
    free_array(obj->instances, obj->count);
    obj->instances = NULL;
    obj->count = 0;
}
