/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * The Objects of tern-demo, written against the public API only, as an
 * application would: a Device Object (3) and an IPSO Time Object (3333)
 * whose Current Time changes every second.
 */
#ifndef TERN_DEMO_OBJECTS_H
#define TERN_DEMO_OBJECTS_H

#include <anjay/anjay.h>

/** Object ID of the IPSO Time Object. */
#define DEMO_OID_TIME 3333

/**
 * Creates the Device Object (one Instance). Executing Reboot (/3/0/4)
 * calls @p reboot with @p reboot_arg from a scheduler job, after the
 * response went out.
 *
 * @returns The Object to register, or NULL on lack of memory.
 */
const anjay_dm_object_def_t **
demo_device_object_create(void (*reboot)(void *arg), void *reboot_arg);

/** Frees the Device Object (after unregistering or deleting the client). */
void demo_device_object_release(const anjay_dm_object_def_t **def);

/**
 * Creates the Time Object (one Instance).
 *
 * @returns The Object to register, or NULL on lack of memory.
 */
const anjay_dm_object_def_t **demo_time_object_create(void);

/**
 * Starts the 1 s job that reports Current Time (/3333/0/5506) as changed,
 * so that observations of it produce a Notify every second.
 *
 * @returns 0, or -1 if the job cannot be scheduled.
 */
int demo_time_object_start(anjay_t *anjay, const anjay_dm_object_def_t **def);

/** Stops the job and frees the Time Object. */
void demo_time_object_release(const anjay_dm_object_def_t **def);

#endif /* TERN_DEMO_OBJECTS_H */
