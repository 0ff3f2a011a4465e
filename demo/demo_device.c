/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

#include <stdio.h>
#include <string.h>

#include <avsystem/commons/avs_log.h>
#include <avsystem/commons/avs_memory.h>
#include <avsystem/commons/avs_time.h>

#include "demo_objects.h"

#include <tern/tern_config.h>

enum {
    RID_MANUFACTURER = 0,
    RID_MODEL_NUMBER = 1,
    RID_SERIAL_NUMBER = 2,
    RID_FIRMWARE_VERSION = 3,
    RID_REBOOT = 4,
    RID_BATTERY_LEVEL = 9,
    RID_ERROR_CODE = 11,
    RID_CURRENT_TIME = 13,
    RID_UTC_OFFSET = 14,
    RID_TIMEZONE = 15,
    RID_SUPPORTED_BINDINGS = 16,
    RID_DEVICE_TYPE = 17,
    RID_SOFTWARE_VERSION = 19
};

typedef struct {
    char utc_offset[16];
    char timezone[64];
    /* Current Time is kept as an offset from the clock, so that a Write
     * moves it without touching the system clock. */
    int64_t time_offset_s;
} device_values_t;

typedef struct {
    const anjay_dm_object_def_t *def;
    device_values_t values;
    device_values_t saved;
    void (*reboot)(void *arg);
    void *reboot_arg;
} device_t;

static device_t *get_device(const anjay_dm_object_def_t *const *def) {
    return (device_t *) (intptr_t) def;
}

static int64_t now_s(void) {
    int64_t seconds = 0;
    avs_time_real_to_scalar(&seconds, AVS_TIME_S, avs_time_real_now());
    return seconds;
}

static int list_resources(anjay_t *anjay,
                          const anjay_dm_object_def_t *const *def,
                          anjay_iid_t iid, anjay_dm_resource_list_ctx_t *ctx) {
    (void) anjay;
    (void) def;
    (void) iid;
    anjay_dm_emit_res(ctx, RID_MANUFACTURER, ANJAY_DM_RES_R,
                      ANJAY_DM_RES_PRESENT);
    anjay_dm_emit_res(ctx, RID_MODEL_NUMBER, ANJAY_DM_RES_R,
                      ANJAY_DM_RES_PRESENT);
    anjay_dm_emit_res(ctx, RID_SERIAL_NUMBER, ANJAY_DM_RES_R,
                      ANJAY_DM_RES_PRESENT);
    anjay_dm_emit_res(ctx, RID_FIRMWARE_VERSION, ANJAY_DM_RES_R,
                      ANJAY_DM_RES_PRESENT);
    anjay_dm_emit_res(ctx, RID_REBOOT, ANJAY_DM_RES_E, ANJAY_DM_RES_PRESENT);
    anjay_dm_emit_res(ctx, RID_BATTERY_LEVEL, ANJAY_DM_RES_R,
                      ANJAY_DM_RES_PRESENT);
    anjay_dm_emit_res(ctx, RID_ERROR_CODE, ANJAY_DM_RES_RM,
                      ANJAY_DM_RES_PRESENT);
    anjay_dm_emit_res(ctx, RID_CURRENT_TIME, ANJAY_DM_RES_RW,
                      ANJAY_DM_RES_PRESENT);
    anjay_dm_emit_res(ctx, RID_UTC_OFFSET, ANJAY_DM_RES_RW,
                      ANJAY_DM_RES_PRESENT);
    anjay_dm_emit_res(ctx, RID_TIMEZONE, ANJAY_DM_RES_RW, ANJAY_DM_RES_PRESENT);
    anjay_dm_emit_res(ctx, RID_SUPPORTED_BINDINGS, ANJAY_DM_RES_R,
                      ANJAY_DM_RES_PRESENT);
    anjay_dm_emit_res(ctx, RID_DEVICE_TYPE, ANJAY_DM_RES_R,
                      ANJAY_DM_RES_PRESENT);
    anjay_dm_emit_res(ctx, RID_SOFTWARE_VERSION, ANJAY_DM_RES_R,
                      ANJAY_DM_RES_PRESENT);
    return 0;
}

/* A battery that drains by one percent a minute and recharges at 10 %. */
static int64_t battery_level(void) {
    return 100 - (now_s() / 60) % 91;
}

static int resource_read(anjay_t *anjay,
                         const anjay_dm_object_def_t *const *def,
                         anjay_iid_t iid, anjay_rid_t rid, anjay_riid_t riid,
                         anjay_output_ctx_t *ctx) {
    (void) anjay;
    (void) iid;
    (void) riid;
    device_t *dev = get_device(def);
    switch (rid) {
        case RID_MANUFACTURER:
            return anjay_ret_string(ctx, "Tern");
        case RID_MODEL_NUMBER:
            return anjay_ret_string(ctx, "tern-demo");
        case RID_SERIAL_NUMBER:
            return anjay_ret_string(ctx, "TERN-0001");
        case RID_FIRMWARE_VERSION:
            return anjay_ret_string(ctx, TERN_VERSION);
        case RID_BATTERY_LEVEL:
            return anjay_ret_i64(ctx, battery_level());
        case RID_ERROR_CODE:
            /* 0: no error. */
            return anjay_ret_i64(ctx, 0);
        case RID_CURRENT_TIME:
            return anjay_ret_i64(ctx, now_s() + dev->values.time_offset_s);
        case RID_UTC_OFFSET:
            return anjay_ret_string(ctx, dev->values.utc_offset);
        case RID_TIMEZONE:
            return anjay_ret_string(ctx, dev->values.timezone);
        case RID_SUPPORTED_BINDINGS:
            return anjay_ret_string(ctx, "UT");
        case RID_DEVICE_TYPE:
            return anjay_ret_string(ctx, "demo client");
        case RID_SOFTWARE_VERSION:
            return anjay_ret_string(ctx, "1.0");
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
    device_t *dev = get_device(def);
    switch (rid) {
        case RID_CURRENT_TIME: {
            int64_t value;
            if (anjay_get_i64(ctx, &value)) {
                return ANJAY_ERR_BAD_REQUEST;
            }
            dev->values.time_offset_s = value - now_s();
            return 0;
        }
        case RID_UTC_OFFSET:
            return anjay_get_string(ctx, dev->values.utc_offset,
                                    sizeof(dev->values.utc_offset))
                           ? ANJAY_ERR_BAD_REQUEST
                           : 0;
        case RID_TIMEZONE:
            return anjay_get_string(ctx, dev->values.timezone,
                                    sizeof(dev->values.timezone))
                           ? ANJAY_ERR_BAD_REQUEST
                           : 0;
        default:
            return ANJAY_ERR_METHOD_NOT_ALLOWED;
    }
}

static int list_resource_instances(anjay_t *anjay,
                                   const anjay_dm_object_def_t *const *def,
                                   anjay_iid_t iid, anjay_rid_t rid,
                                   anjay_dm_list_ctx_t *ctx) {
    (void) anjay;
    (void) def;
    (void) iid;
    if (rid != RID_ERROR_CODE) {
        return ANJAY_ERR_METHOD_NOT_ALLOWED;
    }
    anjay_dm_emit(ctx, 0);
    return 0;
}

static void reboot_job(avs_sched_t *sched, const void *data) {
    (void) sched;
    device_t *dev = *(device_t *const *) data;
    dev->reboot(dev->reboot_arg);
}

static int resource_execute(anjay_t *anjay,
                            const anjay_dm_object_def_t *const *def,
                            anjay_iid_t iid, anjay_rid_t rid,
                            anjay_execute_ctx_t *ctx) {
    (void) iid;
    (void) ctx;
    device_t *dev = get_device(def);
    if (rid != RID_REBOOT) {
        return ANJAY_ERR_METHOD_NOT_ALLOWED;
    }
    avs_log(demo, INFO, "Reboot requested by the server");
    if (dev->reboot &&
        AVS_SCHED_DELAYED(anjay_get_scheduler(anjay), NULL,
                          avs_time_duration_from_scalar(100, AVS_TIME_MS),
                          reboot_job, &dev, sizeof(dev))) {
        return ANJAY_ERR_INTERNAL;
    }
    return 0;
}

static int transaction_begin(anjay_t *anjay,
                             const anjay_dm_object_def_t *const *def) {
    (void) anjay;
    device_t *dev = get_device(def);
    dev->saved = dev->values;
    return 0;
}

static int transaction_rollback(anjay_t *anjay,
                                const anjay_dm_object_def_t *const *def) {
    (void) anjay;
    device_t *dev = get_device(def);
    dev->values = dev->saved;
    return 0;
}

static const anjay_dm_object_def_t DEVICE_DEF = {
        .oid = ANJAY_DM_OID_DEVICE,
        .version = "1.1",
        .handlers = {.list_instances = anjay_dm_list_instances_SINGLE,
                     .list_resources = list_resources,
                     .resource_read = resource_read,
                     .resource_write = resource_write,
                     .resource_execute = resource_execute,
                     .list_resource_instances = list_resource_instances,
                     .transaction_begin = transaction_begin,
                     .transaction_validate = anjay_dm_transaction_NOOP,
                     .transaction_commit = anjay_dm_transaction_NOOP,
                     .transaction_rollback = transaction_rollback}};

const anjay_dm_object_def_t **
demo_device_object_create(void (*reboot)(void *arg), void *reboot_arg) {
    device_t *dev = (device_t *) avs_calloc(1, sizeof(*dev));
    if (!dev) {
        return NULL;
    }
    dev->def = &DEVICE_DEF;
    strcpy(dev->values.utc_offset, "+00:00");
    strcpy(dev->values.timezone, "Etc/UTC");
    dev->reboot = reboot;
    dev->reboot_arg = reboot_arg;
    return &dev->def;
}

void demo_device_object_release(const anjay_dm_object_def_t **def) {
    if (def) {
        avs_free(get_device(def));
    }
}
