/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

#include <stdio.h>
#include <string.h>

#include "e2e_object.h"

static e2e_object_t *get_obj(const anjay_dm_object_def_t *const *def) {
    return (e2e_object_t *) (intptr_t) def;
}

static e2e_instance_t *find(e2e_object_t *obj, anjay_iid_t iid) {
    for (size_t i = 0; i < obj->count; ++i) {
        if (obj->inst[i].iid == iid) {
            return &obj->inst[i];
        }
    }
    return NULL;
}

static void instance_defaults(e2e_instance_t *inst, anjay_iid_t iid) {
    memset(inst, 0, sizeof(*inst));
    inst->iid = iid;
    inst->integer = 42;
    strcpy(inst->string, "hello");
    memcpy(inst->opaque, "\x01\x02\x03", 3);
    inst->opaque_size = 3;
    inst->number = 2.5;
    inst->flag = true;
    inst->riids[0] = 0;
    inst->values[0] = 10;
    inst->riids[1] = 1;
    inst->values[1] = 11;
    inst->value_count = 2;
}

static int list_instances(anjay_t *anjay,
                          const anjay_dm_object_def_t *const *def,
                          anjay_dm_list_ctx_t *ctx) {
    (void) anjay;
    e2e_object_t *obj = get_obj(def);
    for (size_t i = 0; i < obj->count; ++i) {
        anjay_dm_emit(ctx, obj->inst[i].iid);
    }
    return 0;
}

static int instance_create(anjay_t *anjay,
                           const anjay_dm_object_def_t *const *def,
                           anjay_iid_t iid) {
    (void) anjay;
    e2e_object_t *obj = get_obj(def);
    if (obj->count == E2E_MAX_INSTANCES) {
        return ANJAY_ERR_INTERNAL;
    }
    /* Kept sorted: list_instances must emit ascending IDs. */
    size_t pos = 0;
    while (pos < obj->count && obj->inst[pos].iid < iid) {
        ++pos;
    }
    memmove(&obj->inst[pos + 1], &obj->inst[pos],
            (obj->count - pos) * sizeof(obj->inst[0]));
    instance_defaults(&obj->inst[pos], iid);
    ++obj->count;
    return 0;
}

static int instance_remove(anjay_t *anjay,
                           const anjay_dm_object_def_t *const *def,
                           anjay_iid_t iid) {
    (void) anjay;
    e2e_object_t *obj = get_obj(def);
    e2e_instance_t *inst = find(obj, iid);
    if (!inst) {
        return ANJAY_ERR_NOT_FOUND;
    }
    size_t pos = (size_t) (inst - obj->inst);
    memmove(&obj->inst[pos], &obj->inst[pos + 1],
            (obj->count - pos - 1) * sizeof(obj->inst[0]));
    --obj->count;
    return 0;
}

static int instance_reset(anjay_t *anjay,
                          const anjay_dm_object_def_t *const *def,
                          anjay_iid_t iid) {
    (void) anjay;
    e2e_instance_t *inst = find(get_obj(def), iid);
    if (!inst) {
        return ANJAY_ERR_NOT_FOUND;
    }
    inst->value_count = 0;
    return 0;
}

static int list_resources(anjay_t *anjay,
                          const anjay_dm_object_def_t *const *def,
                          anjay_iid_t iid, anjay_dm_resource_list_ctx_t *ctx) {
    (void) anjay;
    (void) def;
    (void) iid;
    anjay_dm_emit_res(ctx, 0, ANJAY_DM_RES_RW, ANJAY_DM_RES_PRESENT);
    anjay_dm_emit_res(ctx, 1, ANJAY_DM_RES_RW, ANJAY_DM_RES_PRESENT);
    anjay_dm_emit_res(ctx, 2, ANJAY_DM_RES_RW, ANJAY_DM_RES_PRESENT);
    anjay_dm_emit_res(ctx, 3, ANJAY_DM_RES_RW, ANJAY_DM_RES_PRESENT);
    anjay_dm_emit_res(ctx, 4, ANJAY_DM_RES_RW, ANJAY_DM_RES_PRESENT);
    anjay_dm_emit_res(ctx, 5, ANJAY_DM_RES_E, ANJAY_DM_RES_PRESENT);
    anjay_dm_emit_res(ctx, 6, ANJAY_DM_RES_RWM, ANJAY_DM_RES_PRESENT);
    return 0;
}

static int resource_read(anjay_t *anjay,
                         const anjay_dm_object_def_t *const *def,
                         anjay_iid_t iid, anjay_rid_t rid, anjay_riid_t riid,
                         anjay_output_ctx_t *ctx) {
    (void) anjay;
    e2e_instance_t *inst = find(get_obj(def), iid);
    if (!inst) {
        return ANJAY_ERR_NOT_FOUND;
    }
    switch (rid) {
        case 0:
            return anjay_ret_i64(ctx, inst->integer);
        case 1:
            return anjay_ret_string(ctx, inst->string);
        case 2:
            return anjay_ret_bytes(ctx, inst->opaque, inst->opaque_size);
        case 3:
            return anjay_ret_double(ctx, inst->number);
        case 4:
            return anjay_ret_bool(ctx, inst->flag);
        case 6:
            for (size_t i = 0; i < inst->value_count; ++i) {
                if (inst->riids[i] == riid) {
                    return anjay_ret_i64(ctx, inst->values[i]);
                }
            }
            return ANJAY_ERR_NOT_FOUND;
        default:
            return ANJAY_ERR_METHOD_NOT_ALLOWED;
    }
}

static int write_value(e2e_instance_t *inst, anjay_riid_t riid,
                       anjay_input_ctx_t *ctx) {
    int64_t value;
    if (anjay_get_i64(ctx, &value)) {
        return ANJAY_ERR_BAD_REQUEST;
    }
    for (size_t i = 0; i < inst->value_count; ++i) {
        if (inst->riids[i] == riid) {
            inst->values[i] = value;
            return 0;
        }
    }
    if (inst->value_count == E2E_MAX_VALUES) {
        return ANJAY_ERR_INTERNAL;
    }
    size_t pos = 0;
    while (pos < inst->value_count && inst->riids[pos] < riid) {
        ++pos;
    }
    memmove(&inst->riids[pos + 1], &inst->riids[pos],
            (inst->value_count - pos) * sizeof(inst->riids[0]));
    memmove(&inst->values[pos + 1], &inst->values[pos],
            (inst->value_count - pos) * sizeof(inst->values[0]));
    inst->riids[pos] = riid;
    inst->values[pos] = value;
    ++inst->value_count;
    return 0;
}

static int resource_write(anjay_t *anjay,
                          const anjay_dm_object_def_t *const *def,
                          anjay_iid_t iid, anjay_rid_t rid, anjay_riid_t riid,
                          anjay_input_ctx_t *ctx) {
    (void) anjay;
    e2e_instance_t *inst = find(get_obj(def), iid);
    if (!inst) {
        return ANJAY_ERR_NOT_FOUND;
    }
    switch (rid) {
        case 0:
            return anjay_get_i64(ctx, &inst->integer) ? ANJAY_ERR_BAD_REQUEST
                                                      : 0;
        case 1:
            return anjay_get_string(ctx, inst->string, sizeof(inst->string))
                           ? ANJAY_ERR_BAD_REQUEST
                           : 0;
        case 2: {
            bool finished = false;
            size_t read = 0;
            if (anjay_get_bytes(ctx, &read, &finished, inst->opaque,
                                sizeof(inst->opaque)) ||
                !finished) {
                return ANJAY_ERR_BAD_REQUEST;
            }
            inst->opaque_size = read;
            return 0;
        }
        case 3:
            return anjay_get_double(ctx, &inst->number) ? ANJAY_ERR_BAD_REQUEST
                                                        : 0;
        case 4:
            return anjay_get_bool(ctx, &inst->flag) ? ANJAY_ERR_BAD_REQUEST : 0;
        case 6:
            return write_value(inst, riid, ctx);
        default:
            return ANJAY_ERR_METHOD_NOT_ALLOWED;
    }
}

static int resource_reset(anjay_t *anjay,
                          const anjay_dm_object_def_t *const *def,
                          anjay_iid_t iid, anjay_rid_t rid) {
    (void) anjay;
    e2e_instance_t *inst = find(get_obj(def), iid);
    if (!inst || rid != 6) {
        return ANJAY_ERR_METHOD_NOT_ALLOWED;
    }
    inst->value_count = 0;
    return 0;
}

static int list_resource_instances(anjay_t *anjay,
                                   const anjay_dm_object_def_t *const *def,
                                   anjay_iid_t iid, anjay_rid_t rid,
                                   anjay_dm_list_ctx_t *ctx) {
    (void) anjay;
    e2e_instance_t *inst = find(get_obj(def), iid);
    if (!inst || rid != 6) {
        return ANJAY_ERR_METHOD_NOT_ALLOWED;
    }
    for (size_t i = 0; i < inst->value_count; ++i) {
        anjay_dm_emit(ctx, inst->riids[i]);
    }
    return 0;
}

static int resource_execute(anjay_t *anjay,
                            const anjay_dm_object_def_t *const *def,
                            anjay_iid_t iid, anjay_rid_t rid,
                            anjay_execute_ctx_t *ctx) {
    (void) anjay;
    (void) iid;
    e2e_object_t *obj = get_obj(def);
    if (rid != 5) {
        return ANJAY_ERR_METHOD_NOT_ALLOWED;
    }
    char log[sizeof(obj->exec_args)] = "";
    size_t len = 0;
    int arg;
    bool has_value;
    int result;
    while (!(result = anjay_execute_get_next_arg(ctx, &arg, &has_value))) {
        char value[32] = "";
        if (has_value &&
            anjay_execute_get_arg_value(ctx, NULL, value, sizeof(value)) < 0) {
            return ANJAY_ERR_BAD_REQUEST;
        }
        int n = snprintf(log + len, sizeof(log) - len,
                         has_value ? "%s%d='%s'" : "%s%d", len ? "," : "", arg,
                         value);
        len += n > 0 ? (size_t) n : 0;
        if (len >= sizeof(log)) {
            return ANJAY_ERR_BAD_REQUEST;
        }
    }
    if (result != ANJAY_EXECUTE_GET_ARG_END) {
        return result;
    }
    strcpy(obj->exec_args, log);
    ++obj->exec_count;
    return 0;
}

static int transaction_begin(anjay_t *anjay,
                             const anjay_dm_object_def_t *const *def) {
    (void) anjay;
    e2e_object_t *obj = get_obj(def);
    memcpy(obj->saved, obj->inst, sizeof(obj->inst));
    obj->saved_count = obj->count;
    return 0;
}

static int transaction_rollback(anjay_t *anjay,
                                const anjay_dm_object_def_t *const *def) {
    (void) anjay;
    e2e_object_t *obj = get_obj(def);
    memcpy(obj->inst, obj->saved, sizeof(obj->inst));
    obj->count = obj->saved_count;
    return 0;
}

static const anjay_dm_object_def_t E2E_DEF = {
        .oid = E2E_OID,
        .version = "1.2",
        .handlers = {.list_instances = list_instances,
                     .instance_create = instance_create,
                     .instance_remove = instance_remove,
                     .instance_reset = instance_reset,
                     .list_resources = list_resources,
                     .resource_read = resource_read,
                     .resource_write = resource_write,
                     .resource_execute = resource_execute,
                     .resource_reset = resource_reset,
                     .list_resource_instances = list_resource_instances,
                     .transaction_begin = transaction_begin,
                     .transaction_validate = anjay_dm_transaction_NOOP,
                     .transaction_commit = anjay_dm_transaction_NOOP,
                     .transaction_rollback = transaction_rollback}};

void e2e_object_init(e2e_object_t *obj) {
    memset(obj, 0, sizeof(*obj));
    obj->def = &E2E_DEF;
    instance_defaults(&obj->inst[0], 0);
    obj->count = 1;
}
