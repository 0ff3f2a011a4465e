/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * Tutorial-style application code: it uses only the public API, keeps the
 * definition pointer as the first member of its state, and relies on
 * designated initialisers for the handler table.
 */

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include <anjay/anjay.h>
#include <avsystem/commons/avs_defs.h>
#include <avsystem/commons/avs_log.h>
#include <avsystem/commons/avs_memory.h>

#include "tutorial_object.h"

typedef struct {
    const anjay_dm_object_def_t *def;
    char label[32];
    int32_t volume;
    int64_t uptime;
    double ratio;
    int hello_count;
} greeting_t;

static greeting_t *get_greeting(const anjay_dm_object_def_t *const *obj_ptr) {
    return AVS_CONTAINER_OF(obj_ptr, greeting_t, def);
}

static int list_resources(anjay_t *anjay,
                          const anjay_dm_object_def_t *const *obj_ptr,
                          anjay_iid_t iid, anjay_dm_resource_list_ctx_t *ctx) {
    (void) anjay;
    (void) obj_ptr;
    (void) iid;
    anjay_dm_emit_res(ctx, 0, ANJAY_DM_RES_RW, ANJAY_DM_RES_PRESENT);
    anjay_dm_emit_res(ctx, 1, ANJAY_DM_RES_RW, ANJAY_DM_RES_PRESENT);
    anjay_dm_emit_res(ctx, 2, ANJAY_DM_RES_R, ANJAY_DM_RES_PRESENT);
    anjay_dm_emit_res(ctx, 3, ANJAY_DM_RES_E, ANJAY_DM_RES_PRESENT);
    anjay_dm_emit_res(ctx, 4, ANJAY_DM_RES_R, ANJAY_DM_RES_PRESENT);
    return 0;
}

static int resource_read(anjay_t *anjay,
                         const anjay_dm_object_def_t *const *obj_ptr,
                         anjay_iid_t iid, anjay_rid_t rid, anjay_riid_t riid,
                         anjay_output_ctx_t *ctx) {
    (void) anjay;
    (void) iid;
    (void) riid;
    greeting_t *greeting = get_greeting(obj_ptr);
    switch (rid) {
        case 0:
            return anjay_ret_string(ctx, greeting->label);
        case 1:
            return anjay_ret_i32(ctx, greeting->volume);
        case 2:
            return anjay_ret_i64(ctx, greeting->uptime);
        case 4:
            return anjay_ret_double(ctx, greeting->ratio);
        default:
            return ANJAY_ERR_METHOD_NOT_ALLOWED;
    }
}

static int resource_write(anjay_t *anjay,
                          const anjay_dm_object_def_t *const *obj_ptr,
                          anjay_iid_t iid, anjay_rid_t rid, anjay_riid_t riid,
                          anjay_input_ctx_t *ctx) {
    (void) anjay;
    (void) iid;
    (void) riid;
    greeting_t *greeting = get_greeting(obj_ptr);
    switch (rid) {
        case 0: {
            char label[sizeof(greeting->label)];
            int result = anjay_get_string(ctx, label, sizeof(label));
            if (result) {
                return result == ANJAY_BUFFER_TOO_SHORT ? ANJAY_ERR_BAD_REQUEST
                                                        : ANJAY_ERR_INTERNAL;
            }
            strcpy(greeting->label, label);
            return 0;
        }
        case 1:
            return anjay_get_i32(ctx, &greeting->volume);
        default:
            return ANJAY_ERR_METHOD_NOT_ALLOWED;
    }
}

static int resource_execute(anjay_t *anjay,
                            const anjay_dm_object_def_t *const *obj_ptr,
                            anjay_iid_t iid, anjay_rid_t rid,
                            anjay_execute_ctx_t *arg_ctx) {
    (void) anjay;
    (void) iid;
    greeting_t *greeting = get_greeting(obj_ptr);
    if (rid != 3) {
        return ANJAY_ERR_METHOD_NOT_ALLOWED;
    }
    int arg;
    bool has_value;
    int result;
    while (!(result = anjay_execute_get_next_arg(arg_ctx, &arg, &has_value))) {
        avs_log(tutorial, INFO, "argument %d (%s)", arg,
                has_value ? "with value" : "without value");
    }
    if (result != ANJAY_EXECUTE_GET_ARG_END) {
        return result;
    }
    ++greeting->hello_count;
    return 0;
}

static const anjay_dm_object_def_t GREETING_DEF = {
        .oid = 1234,
        .version = "1.0",
        .handlers = {.list_instances = anjay_dm_list_instances_SINGLE,
                     .list_resources = list_resources,
                     .resource_read = resource_read,
                     .resource_write = resource_write,
                     .resource_execute = resource_execute,
                     .transaction_begin = anjay_dm_transaction_NOOP,
                     .transaction_validate = anjay_dm_transaction_NOOP,
                     .transaction_commit = anjay_dm_transaction_NOOP,
                     .transaction_rollback = anjay_dm_transaction_NOOP}};

const anjay_dm_object_def_t **greeting_object_create(void) {
    greeting_t *greeting = (greeting_t *) avs_calloc(1, sizeof(greeting_t));
    if (!greeting) {
        return NULL;
    }
    greeting->def = &GREETING_DEF;
    strcpy(greeting->label, "Hello");
    greeting->volume = 11;
    greeting->uptime = 5000000000LL;
    greeting->ratio = 0.75;
    return &greeting->def;
}

void greeting_object_release(const anjay_dm_object_def_t **def) {
    if (def) {
        avs_free(get_greeting(def));
    }
}

int greeting_object_hello_count(const anjay_dm_object_def_t **def) {
    return get_greeting(def)->hello_count;
}
