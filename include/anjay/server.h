/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * @file
 * The LwM2M Server Object (/1) implementation that ships with the library.
 */
#ifndef ANJAY_INCLUDE_ANJAY_SERVER_H
#define ANJAY_INCLUDE_ANJAY_SERVER_H

#include <anjay/anjay_config.h>
#include <anjay/dm.h>

#ifdef __cplusplus
extern "C" {
#endif

/**
 * One Server Object Instance. Pointers are deep-copied by
 * @ref anjay_server_object_add_instance; NULL optional pointers leave the
 * Resource absent.
 */
typedef struct {
    /** Short Server ID (/1/x/0), 1 to 65534. */
    anjay_ssid_t ssid;
    /** Lifetime (/1/x/1), seconds. */
    int32_t lifetime;
    /** Default Minimum Period (/1/x/2); negative: absent. */
    int32_t default_min_period;
    /** Default Maximum Period (/1/x/3); negative: absent. */
    int32_t default_max_period;
    /** Disable Timeout (/1/x/5); negative: absent. */
    int32_t disable_timeout;
    /** Binding (/1/x/7). */
    const char *binding;
    /** Notification Storing When Disabled or Offline (/1/x/6). */
    bool notification_storing;
    /** Initial Registration Delay Timer (/1/x/14). */
    const uint32_t *initial_registration_delay_timer;
    /** Bootstrap on Registration Failure (/1/x/16); NULL means true. */
    const bool *bootstrap_on_registration_failure;
    /** Preferred Transport (/1/x/22); '\0': absent. */
    char preferred_transport;
    /** Mute Send (/1/x/23). */
    bool mute_send;
    /** Communication Retry Count (/1/x/17). */
    const uint32_t *communication_retry_count;
    /** Communication Retry Timer (/1/x/18), seconds. */
    const uint32_t *communication_retry_timer;
    /** Communication Sequence Retry Count (/1/x/20). */
    const uint32_t *communication_sequence_retry_count;
    /** Communication Sequence Delay Timer (/1/x/19), seconds. */
    const uint32_t *communication_sequence_delay_timer;
} anjay_server_instance_t;

/**
 * Adds an Instance to the installed Server Object.
 *
 * @param anjay     Client object with the Server Object installed.
 * @param instance  Values of the new Instance; deep-copied.
 * @param inout_iid IID to use; ANJAY_ID_INVALID picks the lowest free one,
 *                  which is then stored here.
 * @returns 0 on success, a negative value if the values are invalid, the IID
 *          or SSID is taken, or memory ran out.
 */
int anjay_server_object_add_instance(anjay_t *anjay,
                                     const anjay_server_instance_t *instance,
                                     anjay_iid_t *inout_iid);

/**
 * Removes every Instance of the installed Server Object.
 *
 * @param anjay Client object with the Server Object installed.
 */
void anjay_server_object_purge(anjay_t *anjay);

/**
 * Returns the SSIDs of the Server Object Instances, in no particular order.
 * The list belongs to the library; it stays valid until the next change of
 * the Object or call of this function.
 *
 * @param anjay Client object with the Server Object installed.
 * @returns The list, or NULL if the Object is empty.
 */
AVS_LIST(const anjay_ssid_t) anjay_server_get_ssids(anjay_t *anjay);

/**
 * Writes the Instances to a stream. Not available yet: Tern has no stream
 * implementation, so this logs the cause and fails.
 *
 * @param anjay      Client object with the Server Object installed.
 * @param out_stream Destination.
 * @returns AVS_OK on success, an error otherwise.
 */
avs_error_t anjay_server_object_persist(anjay_t *anjay,
                                        avs_stream_t *out_stream);

/**
 * Replaces the Instances with ones read from a stream; on failure the
 * Object is left unchanged. Not available yet: Tern has no stream
 * implementation, so this logs the cause and fails.
 *
 * @param anjay     Client object with the Server Object installed.
 * @param in_stream Source.
 * @returns AVS_OK on success, an error otherwise.
 */
avs_error_t anjay_server_object_restore(anjay_t *anjay,
                                        avs_stream_t *in_stream);

/**
 * Tells whether the Object changed since it was installed or last persisted
 * or restored.
 *
 * @param anjay Client object with the Server Object installed.
 * @returns true if modified.
 */
bool anjay_server_object_is_modified(anjay_t *anjay);

/**
 * Installs the Server Object. It is freed by @ref anjay_delete.
 *
 * @param anjay Client object.
 * @returns 0 on success, a negative value on error (e.g. already
 *          installed).
 */
int anjay_server_object_install(anjay_t *anjay);

/**
 * Changes the Lifetime of a Server Instance, as if a server had written it
 * (an Update follows).
 *
 * @param anjay    Client object with the Server Object installed.
 * @param iid      The Instance.
 * @param lifetime New Lifetime, seconds; must be positive.
 * @returns 0 on success, a negative value on error (Lifetime unchanged).
 */
int anjay_server_object_set_lifetime(anjay_t *anjay, anjay_iid_t iid,
                                     int32_t lifetime);

#ifdef __cplusplus
}
#endif

#endif /* ANJAY_INCLUDE_ANJAY_SERVER_H */
