/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test_objects.h"

static dev_object_t *dev(const anjay_dm_object_def_t *const *obj_ptr) {
    return AVS_CONTAINER_OF(obj_ptr, dev_object_t, def);
}

static int dev_list_resources(anjay_t *anjay,
                              const anjay_dm_object_def_t *const *obj_ptr,
                              anjay_iid_t iid,
                              anjay_dm_resource_list_ctx_t *ctx) {
    (void) anjay;
    (void) iid;
    dev_object_t *obj = dev(obj_ptr);
    anjay_dm_emit_res(ctx, 0, ANJAY_DM_RES_R, ANJAY_DM_RES_PRESENT);
    anjay_dm_emit_res(ctx, 1, ANJAY_DM_RES_RW, ANJAY_DM_RES_PRESENT);
    anjay_dm_emit_res(ctx, 2, ANJAY_DM_RES_RW, ANJAY_DM_RES_PRESENT);
    anjay_dm_emit_res(ctx, 3, ANJAY_DM_RES_RW, ANJAY_DM_RES_PRESENT);
    anjay_dm_emit_res(ctx, 4, ANJAY_DM_RES_RW, ANJAY_DM_RES_PRESENT);
    anjay_dm_emit_res(ctx, 5, ANJAY_DM_RES_RW, ANJAY_DM_RES_PRESENT);
    anjay_dm_emit_res(ctx, 6, ANJAY_DM_RES_RWM, ANJAY_DM_RES_PRESENT);
    anjay_dm_emit_res(ctx, 7, ANJAY_DM_RES_E, ANJAY_DM_RES_PRESENT);
    anjay_dm_emit_res(ctx, 8, ANJAY_DM_RES_W, ANJAY_DM_RES_PRESENT);
    anjay_dm_emit_res(ctx, 9, ANJAY_DM_RES_RW, ANJAY_DM_RES_PRESENT);
    anjay_dm_emit_res(ctx, 10, ANJAY_DM_RES_RW,
                      obj->state.optional_present ? ANJAY_DM_RES_PRESENT
                                                  : ANJAY_DM_RES_ABSENT);
    anjay_dm_emit_res(ctx, 11, ANJAY_DM_RES_BS_RW, ANJAY_DM_RES_PRESENT);
    return 0;
}

static int dev_resource_read(anjay_t *anjay,
                             const anjay_dm_object_def_t *const *obj_ptr,
                             anjay_iid_t iid, anjay_rid_t rid,
                             anjay_riid_t riid, anjay_output_ctx_t *ctx) {
    (void) anjay;
    (void) iid;
    dev_state_t *s = &dev(obj_ptr)->state;
    switch (rid) {
        case 0:
            return anjay_ret_string(ctx, "Tern");
        case 1:
            return anjay_ret_i64(ctx, s->counter);
        case 2:
            return anjay_ret_double(ctx, s->temperature);
        case 3:
            return anjay_ret_bool(ctx, s->enabled);
        case 4:
            return anjay_ret_i64(ctx, s->time);
        case 5:
            return anjay_ret_objlnk(ctx, s->link_oid, s->link_iid);
        case 6:
            for (size_t i = 0; i < s->value_count; ++i) {
                if (s->value_riids[i] == riid) {
                    return anjay_ret_i64(ctx, s->values[i]);
                }
            }
            return ANJAY_ERR_NOT_FOUND;
        case 9: {
            /* Chunked on purpose, to exercise anjay_ret_bytes_begin. */
            anjay_ret_bytes_ctx_t *bytes =
                    anjay_ret_bytes_begin(ctx, s->blob_size);
            if (!bytes) {
                return ANJAY_ERR_INTERNAL;
            }
            for (size_t i = 0; i < s->blob_size; i += 3) {
                size_t n = s->blob_size - i < 3 ? s->blob_size - i : 3;
                int result = anjay_ret_bytes_append(bytes, s->blob + i, n);
                if (result) {
                    return result;
                }
            }
            return 0;
        }
        case 10:
            return anjay_ret_i64(ctx, s->optional);
        case 11:
            return anjay_ret_i64(ctx, s->bs_only);
        default:
            return ANJAY_ERR_METHOD_NOT_ALLOWED;
    }
}

static int write_value_instance(dev_state_t *s, anjay_riid_t riid,
                                anjay_input_ctx_t *ctx) {
    int64_t value;
    int result = anjay_get_i64(ctx, &value);
    if (result) {
        return result;
    }
    size_t i = 0;
    while (i < s->value_count && s->value_riids[i] < riid) {
        ++i;
    }
    if (i < s->value_count && s->value_riids[i] == riid) {
        s->values[i] = value;
        return 0;
    }
    if (s->value_count == DEV_MAX_VALUES) {
        return ANJAY_ERR_INTERNAL;
    }
    memmove(&s->value_riids[i + 1], &s->value_riids[i],
            (s->value_count - i) * sizeof(s->value_riids[0]));
    memmove(&s->values[i + 1], &s->values[i],
            (s->value_count - i) * sizeof(s->values[0]));
    s->value_riids[i] = riid;
    s->values[i] = value;
    ++s->value_count;
    return 0;
}

static int dev_resource_write(anjay_t *anjay,
                              const anjay_dm_object_def_t *const *obj_ptr,
                              anjay_iid_t iid, anjay_rid_t rid,
                              anjay_riid_t riid, anjay_input_ctx_t *ctx) {
    (void) anjay;
    (void) iid;
    dev_state_t *s = &dev(obj_ptr)->state;
    switch (rid) {
        case 1:
            return anjay_get_i64(ctx, &s->counter);
        case 2:
            return anjay_get_double(ctx, &s->temperature);
        case 3:
            return anjay_get_bool(ctx, &s->enabled);
        case 4:
            return anjay_get_i64(ctx, &s->time);
        case 5:
            return anjay_get_objlnk(ctx, &s->link_oid, &s->link_iid);
        case 6:
            return write_value_instance(s, riid, ctx);
        case 8: {
            int result = anjay_get_string(ctx, s->secret, sizeof(s->secret));
            return result == ANJAY_BUFFER_TOO_SHORT ? ANJAY_ERR_BAD_REQUEST
                                                    : result;
        }
        case 9: {
            bool finished;
            int result = anjay_get_bytes(ctx, &s->blob_size, &finished, s->blob,
                                         sizeof(s->blob));
            return result ? result : finished ? 0 : ANJAY_ERR_BAD_REQUEST;
        }
        case 10: {
            int result = anjay_get_i64(ctx, &s->optional);
            if (!result) {
                s->optional_present = true;
            }
            return result;
        }
        case 11:
            return anjay_get_i64(ctx, &s->bs_only);
        default:
            return ANJAY_ERR_METHOD_NOT_ALLOWED;
    }
}

static int dev_resource_reset(anjay_t *anjay,
                              const anjay_dm_object_def_t *const *obj_ptr,
                              anjay_iid_t iid, anjay_rid_t rid) {
    (void) anjay;
    (void) iid;
    if (rid != 6) {
        return ANJAY_ERR_METHOD_NOT_ALLOWED;
    }
    dev(obj_ptr)->state.value_count = 0;
    return 0;
}

static int dev_instance_reset(anjay_t *anjay,
                              const anjay_dm_object_def_t *const *obj_ptr,
                              anjay_iid_t iid) {
    (void) anjay;
    (void) iid;
    dev_state_t *s = &dev(obj_ptr)->state;
    s->optional_present = false;
    s->value_count = 0;
    return 0;
}

static int dev_list_resource_instances(
        anjay_t *anjay, const anjay_dm_object_def_t *const *obj_ptr,
        anjay_iid_t iid, anjay_rid_t rid, anjay_dm_list_ctx_t *ctx) {
    (void) anjay;
    (void) iid;
    if (rid != 6) {
        return ANJAY_ERR_METHOD_NOT_ALLOWED;
    }
    dev_state_t *s = &dev(obj_ptr)->state;
    for (size_t i = 0; i < s->value_count; ++i) {
        anjay_dm_emit(ctx, s->value_riids[i]);
    }
    return 0;
}

static int dev_resource_execute(anjay_t *anjay,
                                const anjay_dm_object_def_t *const *obj_ptr,
                                anjay_iid_t iid, anjay_rid_t rid,
                                anjay_execute_ctx_t *ctx) {
    (void) anjay;
    (void) iid;
    (void) rid;
    dev_object_t *obj = dev(obj_ptr);
    obj->exec_log[0] = '\0';
    int arg;
    bool has_value;
    int result;
    while ((result = anjay_execute_get_next_arg(ctx, &arg, &has_value)) == 0) {
        char piece[64];
        snprintf(piece, sizeof(piece), "%s%d", obj->exec_log[0] ? "," : "",
                 arg);
        strcat(obj->exec_log, piece);
        if (has_value) {
            /* Small chunks, to exercise ANJAY_BUFFER_TOO_SHORT. */
            strcat(obj->exec_log, "='");
            char chunk[3];
            int value_result;
            do {
                value_result = anjay_execute_get_arg_value(ctx, NULL, chunk,
                                                           sizeof(chunk));
                if (value_result < 0) {
                    return obj->exec_result = value_result;
                }
                strcat(obj->exec_log, chunk);
            } while (value_result == ANJAY_BUFFER_TOO_SHORT);
            strcat(obj->exec_log, "'");
        }
    }
    obj->exec_result = result;
    return result == ANJAY_EXECUTE_GET_ARG_END ? 0 : result;
}

static int dev_begin(anjay_t *anjay,
                     const anjay_dm_object_def_t *const *obj_ptr) {
    (void) anjay;
    dev_object_t *obj = dev(obj_ptr);
    obj->saved = obj->state;
    ++obj->begins;
    return 0;
}

static int dev_validate(anjay_t *anjay,
                        const anjay_dm_object_def_t *const *obj_ptr) {
    (void) anjay;
    return dev(obj_ptr)->state.counter < 0 ? ANJAY_ERR_BAD_REQUEST : 0;
}

static int dev_commit(anjay_t *anjay,
                      const anjay_dm_object_def_t *const *obj_ptr) {
    (void) anjay;
    ++dev(obj_ptr)->commits;
    return 0;
}

static int dev_rollback(anjay_t *anjay,
                        const anjay_dm_object_def_t *const *obj_ptr) {
    (void) anjay;
    dev_object_t *obj = dev(obj_ptr);
    obj->state = obj->saved;
    ++obj->rollbacks;
    return 0;
}

static const anjay_dm_object_def_t DEV_DEF = {
        .oid = DEV_OID,
        .version = "1.2",
        .handlers = {.list_instances = anjay_dm_list_instances_SINGLE,
                     .instance_reset = dev_instance_reset,
                     .list_resources = dev_list_resources,
                     .resource_read = dev_resource_read,
                     .resource_write = dev_resource_write,
                     .resource_execute = dev_resource_execute,
                     .resource_reset = dev_resource_reset,
                     .list_resource_instances = dev_list_resource_instances,
                     .transaction_begin = dev_begin,
                     .transaction_validate = dev_validate,
                     .transaction_commit = dev_commit,
                     .transaction_rollback = dev_rollback}};

void dev_object_init(dev_object_t *obj) {
    memset(obj, 0, sizeof(*obj));
    obj->def = &DEV_DEF;
    obj->state.counter = 42;
    obj->state.temperature = 21.5;
    obj->state.enabled = true;
    obj->state.time = 1700000000;
    obj->state.link_oid = 1;
    obj->state.link_iid = 0;
    obj->state.value_riids[0] = 0;
    obj->state.values[0] = 10;
    obj->state.value_riids[1] = 1;
    obj->state.values[1] = 20;
    obj->state.value_count = 2;
    memcpy(obj->state.blob, "\x01\x02\x03\x04\x05", 5);
    obj->state.blob_size = 5;
    obj->state.bs_only = 7;
}

static multi_object_t *multi(const anjay_dm_object_def_t *const *obj_ptr) {
    return AVS_CONTAINER_OF(obj_ptr, multi_object_t, def);
}

static multi_inst_t *multi_find(multi_object_t *obj, anjay_iid_t iid) {
    for (size_t i = 0; i < obj->count; ++i) {
        if (obj->inst[i].iid == iid) {
            return &obj->inst[i];
        }
    }
    return NULL;
}

static int multi_list_instances(anjay_t *anjay,
                                const anjay_dm_object_def_t *const *obj_ptr,
                                anjay_dm_list_ctx_t *ctx) {
    (void) anjay;
    multi_object_t *obj = multi(obj_ptr);
    for (size_t i = 0; i < obj->count; ++i) {
        anjay_dm_emit(ctx, obj->inst[i].iid);
    }
    return 0;
}

void multi_object_add(multi_object_t *obj, anjay_iid_t iid, const char *name,
                      int64_t value) {
    size_t i = 0;
    while (i < obj->count && obj->inst[i].iid < iid) {
        ++i;
    }
    memmove(&obj->inst[i + 1], &obj->inst[i],
            (obj->count - i) * sizeof(obj->inst[0]));
    memset(&obj->inst[i], 0, sizeof(obj->inst[i]));
    obj->inst[i].iid = iid;
    snprintf(obj->inst[i].name, sizeof(obj->inst[i].name), "%s", name);
    obj->inst[i].value = value;
    obj->inst[i].has_value = true;
    ++obj->count;
}

static int multi_instance_create(anjay_t *anjay,
                                 const anjay_dm_object_def_t *const *obj_ptr,
                                 anjay_iid_t iid) {
    (void) anjay;
    multi_object_t *obj = multi(obj_ptr);
    if (obj->count == MULTI_MAX) {
        return ANJAY_ERR_INTERNAL;
    }
    multi_object_add(obj, iid, "", 0);
    multi_find(obj, iid)->has_value = false;
    return 0;
}

static int multi_instance_remove(anjay_t *anjay,
                                 const anjay_dm_object_def_t *const *obj_ptr,
                                 anjay_iid_t iid) {
    (void) anjay;
    multi_object_t *obj = multi(obj_ptr);
    multi_inst_t *inst = multi_find(obj, iid);
    if (!inst) {
        return ANJAY_ERR_NOT_FOUND;
    }
    size_t i = (size_t) (inst - obj->inst);
    memmove(&obj->inst[i], &obj->inst[i + 1],
            (obj->count - i - 1) * sizeof(obj->inst[0]));
    --obj->count;
    return 0;
}

static int multi_instance_reset(anjay_t *anjay,
                                const anjay_dm_object_def_t *const *obj_ptr,
                                anjay_iid_t iid) {
    (void) anjay;
    multi_inst_t *inst = multi_find(multi(obj_ptr), iid);
    inst->name[0] = '\0';
    inst->has_value = false;
    return 0;
}

static int multi_list_resources(anjay_t *anjay,
                                const anjay_dm_object_def_t *const *obj_ptr,
                                anjay_iid_t iid,
                                anjay_dm_resource_list_ctx_t *ctx) {
    (void) anjay;
    multi_inst_t *inst = multi_find(multi(obj_ptr), iid);
    anjay_dm_emit_res(ctx, 0, ANJAY_DM_RES_RW, ANJAY_DM_RES_PRESENT);
    anjay_dm_emit_res(ctx, 1, ANJAY_DM_RES_RW,
                      inst->has_value ? ANJAY_DM_RES_PRESENT
                                      : ANJAY_DM_RES_ABSENT);
    return 0;
}

static int multi_resource_read(anjay_t *anjay,
                               const anjay_dm_object_def_t *const *obj_ptr,
                               anjay_iid_t iid, anjay_rid_t rid,
                               anjay_riid_t riid, anjay_output_ctx_t *ctx) {
    (void) anjay;
    (void) riid;
    multi_inst_t *inst = multi_find(multi(obj_ptr), iid);
    return rid == 0 ? anjay_ret_string(ctx, inst->name)
                    : anjay_ret_i64(ctx, inst->value);
}

static int multi_resource_write(anjay_t *anjay,
                                const anjay_dm_object_def_t *const *obj_ptr,
                                anjay_iid_t iid, anjay_rid_t rid,
                                anjay_riid_t riid, anjay_input_ctx_t *ctx) {
    (void) anjay;
    (void) riid;
    multi_inst_t *inst = multi_find(multi(obj_ptr), iid);
    if (rid == 0) {
        int result = anjay_get_string(ctx, inst->name, sizeof(inst->name));
        return result == ANJAY_BUFFER_TOO_SHORT ? ANJAY_ERR_BAD_REQUEST
                                                : result;
    }
    int result = anjay_get_i64(ctx, &inst->value);
    if (!result) {
        inst->has_value = true;
    }
    return result;
}

static int multi_begin(anjay_t *anjay,
                       const anjay_dm_object_def_t *const *obj_ptr) {
    (void) anjay;
    multi_object_t *obj = multi(obj_ptr);
    memcpy(obj->saved, obj->inst, sizeof(obj->inst));
    obj->saved_count = obj->count;
    return 0;
}

static int multi_validate(anjay_t *anjay,
                          const anjay_dm_object_def_t *const *obj_ptr) {
    (void) anjay;
    multi_object_t *obj = multi(obj_ptr);
    for (size_t i = 0; i < obj->count; ++i) {
        if (!obj->inst[i].name[0]) {
            return ANJAY_ERR_BAD_REQUEST;
        }
    }
    return 0;
}

static int multi_rollback(anjay_t *anjay,
                          const anjay_dm_object_def_t *const *obj_ptr) {
    (void) anjay;
    multi_object_t *obj = multi(obj_ptr);
    memcpy(obj->inst, obj->saved, sizeof(obj->inst));
    obj->count = obj->saved_count;
    return 0;
}

static const anjay_dm_object_def_t MULTI_DEF = {
        .oid = MULTI_OID,
        .handlers = {.list_instances = multi_list_instances,
                     .instance_create = multi_instance_create,
                     .instance_remove = multi_instance_remove,
                     .instance_reset = multi_instance_reset,
                     .list_resources = multi_list_resources,
                     .resource_read = multi_resource_read,
                     .resource_write = multi_resource_write,
                     .transaction_begin = multi_begin,
                     .transaction_validate = multi_validate,
                     .transaction_commit = anjay_dm_transaction_NOOP,
                     .transaction_rollback = multi_rollback}};

void multi_object_init(multi_object_t *obj) {
    memset(obj, 0, sizeof(*obj));
    obj->def = &MULTI_DEF;
}

dm_call_t dm_call(anjay_t *anjay, const tern_dm_request_t *req) {
    dm_call_t call;
    memset(&call, 0, sizeof(call));
    call.result = tern_dm_handle(anjay, req, call.payload,
                                 sizeof(call.payload) - 1, &call.resp);
    call.payload[call.resp.payload_size] = '\0';
    return call;
}

tern_dm_request_t dm_req(tern_dm_op_t op, const char *path) {
    tern_dm_request_t req;
    memset(&req, 0, sizeof(req));
    req.op = op;
    req.ssid = 1;
    req.lwm2m_version = ANJAY_LWM2M_VERSION_1_1;
    req.content_format = TERN_DM_FORMAT_NONE;
    req.accept = TERN_DM_FORMAT_NONE;
    if (tern_io_path_parse(&req.path, path, strlen(path))) {
        fprintf(stderr, "bad test path %s\n", path);
        abort();
    }
    return req;
}
