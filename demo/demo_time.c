/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

#include <string.h>

#include <avsystem/commons/avs_memory.h>
#include <avsystem/commons/avs_time.h>

#include "demo_objects.h"

enum {
    RID_CURRENT_TIME = 5506,
    RID_FRACTIONAL_TIME = 5507,
    RID_APPLICATION_TYPE = 5750
};

typedef struct {
    const anjay_dm_object_def_t *def;
    anjay_t *anjay;
    avs_sched_handle_t tick_job;
    char application_type[64];
    char saved_application_type[64];
} time_object_t;

static time_object_t *get_time(const anjay_dm_object_def_t *const *def) {
    return (time_object_t *) (intptr_t) def;
}

static int list_resources(anjay_t *anjay,
                          const anjay_dm_object_def_t *const *def,
                          anjay_iid_t iid, anjay_dm_resource_list_ctx_t *ctx) {
    (void) anjay;
    (void) def;
    (void) iid;
    anjay_dm_emit_res(ctx, RID_CURRENT_TIME, ANJAY_DM_RES_R,
                      ANJAY_DM_RES_PRESENT);
    anjay_dm_emit_res(ctx, RID_FRACTIONAL_TIME, ANJAY_DM_RES_R,
                      ANJAY_DM_RES_PRESENT);
    anjay_dm_emit_res(ctx, RID_APPLICATION_TYPE, ANJAY_DM_RES_RW,
                      ANJAY_DM_RES_PRESENT);
    return 0;
}

static int resource_read(anjay_t *anjay,
                         const anjay_dm_object_def_t *const *def,
                         anjay_iid_t iid, anjay_rid_t rid, anjay_riid_t riid,
                         anjay_output_ctx_t *ctx) {
    (void) anjay;
    (void) iid;
    (void) riid;
    avs_time_real_t now = avs_time_real_now();
    int64_t seconds = 0;
    avs_time_real_to_scalar(&seconds, AVS_TIME_S, now);
    switch (rid) {
        case RID_CURRENT_TIME:
            return anjay_ret_i64(ctx, seconds);
        case RID_FRACTIONAL_TIME:
            return anjay_ret_double(
                    ctx, (double) now.since_real_epoch.nanoseconds / 1e9);
        case RID_APPLICATION_TYPE:
            return anjay_ret_string(ctx, get_time(def)->application_type);
        default:
            return ANJAY_ERR_METHOD_NOT_ALLOWED;
    }
}

static int resource_write(anjay_t *anjay,
                          const anjay_dm_object_def_t *const *def,
                          anjay_iid_t iid, anjay_rid_t rid, anjay_riid_t riid,
                          anjay_input_ctx_t *ctx) {
    (void) anjay;
    (void) iid;
    (void) riid;
    time_object_t *obj = get_time(def);
    if (rid != RID_APPLICATION_TYPE) {
        return ANJAY_ERR_METHOD_NOT_ALLOWED;
    }
    return anjay_get_string(ctx, obj->application_type,
                            sizeof(obj->application_type))
                   ? ANJAY_ERR_BAD_REQUEST
                   : 0;
}

static int transaction_begin(anjay_t *anjay,
                             const anjay_dm_object_def_t *const *def) {
    (void) anjay;
    time_object_t *obj = get_time(def);
    memcpy(obj->saved_application_type, obj->application_type,
           sizeof(obj->application_type));
    return 0;
}

static int transaction_rollback(anjay_t *anjay,
                                const anjay_dm_object_def_t *const *def) {
    (void) anjay;
    time_object_t *obj = get_time(def);
    memcpy(obj->application_type, obj->saved_application_type,
           sizeof(obj->application_type));
    return 0;
}

static const anjay_dm_object_def_t TIME_DEF = {
        .oid = DEMO_OID_TIME,
        .version = NULL,
        .handlers = {.list_instances = anjay_dm_list_instances_SINGLE,
                     .list_resources = list_resources,
                     .resource_read = resource_read,
                     .resource_write = resource_write,
                     .transaction_begin = transaction_begin,
                     .transaction_validate = anjay_dm_transaction_NOOP,
                     .transaction_commit = anjay_dm_transaction_NOOP,
                     .transaction_rollback = transaction_rollback}};

const anjay_dm_object_def_t **demo_time_object_create(void) {
    time_object_t *obj = (time_object_t *) avs_calloc(1, sizeof(*obj));
    if (!obj) {
        return NULL;
    }
    obj->def = &TIME_DEF;
    strcpy(obj->application_type, "clock");
    return &obj->def;
}

static void schedule_tick(time_object_t *obj);

/* Current Time changes every second; telling the library lets it notify
 * the servers that observe it, as the attributes allow. */
static void tick_job(avs_sched_t *sched, const void *data) {
    (void) sched;
    time_object_t *obj = *(time_object_t *const *) data;
    anjay_notify_changed(obj->anjay, DEMO_OID_TIME, 0, RID_CURRENT_TIME);
    schedule_tick(obj);
}

static void schedule_tick(time_object_t *obj) {
    /* Aligned to whole seconds of the clock, when the value changes. */
    avs_time_real_t now = avs_time_real_now();
    int64_t to_next_ns = 1000000000 - now.since_real_epoch.nanoseconds;
    AVS_SCHED_DELAYED(anjay_get_scheduler(obj->anjay), &obj->tick_job,
                      avs_time_duration_from_scalar(to_next_ns, AVS_TIME_NS),
                      tick_job, &obj, sizeof(obj));
}

int demo_time_object_start(anjay_t *anjay, const anjay_dm_object_def_t **def) {
    time_object_t *obj = get_time(def);
    obj->anjay = anjay;
    schedule_tick(obj);
    return obj->tick_job ? 0 : -1;
}

void demo_time_object_release(const anjay_dm_object_def_t **def) {
    if (def) {
        time_object_t *obj = get_time(def);
        avs_sched_del(&obj->tick_job);
        avs_free(obj);
    }
}
