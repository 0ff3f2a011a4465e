/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * @file
 * The built-in attribute storage: notification attributes set by servers
 * with Write-Attributes, kept per server and per path for Objects that do
 * not implement the attribute handlers themselves.
 */
#ifndef ANJAY_INCLUDE_ANJAY_ATTR_STORAGE_H
#define ANJAY_INCLUDE_ANJAY_ATTR_STORAGE_H

#include <anjay/dm.h>

#ifdef __cplusplus
extern "C" {
#endif

/**
 * Tells whether the stored attributes changed since the client was created
 * or they were last persisted or restored.
 *
 * @param anjay Client object.
 * @returns true if modified.
 */
bool anjay_attr_storage_is_modified(anjay_t *anjay);

/**
 * Forgets every stored attribute.
 *
 * @param anjay Client object.
 */
void anjay_attr_storage_purge(anjay_t *anjay);

/**
 * Writes the stored attributes to a stream. Not available yet: Tern has no
 * stream implementation, so this logs the cause and fails.
 *
 * @param anjay      Client object.
 * @param out_stream Destination.
 * @returns AVS_OK on success, an error otherwise.
 */
avs_error_t anjay_attr_storage_persist(anjay_t *anjay,
                                       avs_stream_t *out_stream);

/**
 * Replaces the stored attributes with ones read from a stream. Not
 * available yet: Tern has no stream implementation, so this logs the cause
 * and fails.
 *
 * @param anjay     Client object.
 * @param in_stream Source.
 * @returns AVS_OK on success, an error otherwise.
 */
avs_error_t anjay_attr_storage_restore(anjay_t *anjay, avs_stream_t *in_stream);

/**
 * Sets the attributes of an Object for one server, as a Write-Attributes
 * would (all fields replace the stored ones; unset fields clear them).
 *
 * @param anjay Client object.
 * @param ssid  Server the attributes are for; not ANJAY_SSID_ANY or
 *              ANJAY_SSID_BOOTSTRAP.
 * @param oid   A registered Object.
 * @param attrs The attributes.
 * @returns 0 on success, a negative value on error.
 */
int anjay_attr_storage_set_object_attrs(anjay_t *anjay, anjay_ssid_t ssid,
                                        anjay_oid_t oid,
                                        const anjay_dm_oi_attributes_t *attrs);

/**
 * Sets the attributes of an Object Instance for one server.
 *
 * @param anjay Client object.
 * @param ssid  Server the attributes are for.
 * @param oid   A registered Object.
 * @param iid   An existing Instance.
 * @param attrs The attributes.
 * @returns 0 on success, a negative value on error.
 */
int anjay_attr_storage_set_instance_attrs(
        anjay_t *anjay, anjay_ssid_t ssid, anjay_oid_t oid, anjay_iid_t iid,
        const anjay_dm_oi_attributes_t *attrs);

/**
 * Sets the attributes of a Resource for one server.
 *
 * @param anjay Client object.
 * @param ssid  Server the attributes are for.
 * @param oid   A registered Object.
 * @param iid   An existing Instance.
 * @param rid   A supported Resource.
 * @param attrs The attributes.
 * @returns 0 on success, a negative value on error.
 */
int anjay_attr_storage_set_resource_attrs(anjay_t *anjay, anjay_ssid_t ssid,
                                          anjay_oid_t oid, anjay_iid_t iid,
                                          anjay_rid_t rid,
                                          const anjay_dm_r_attributes_t *attrs);

/**
 * Sets the attributes of a Resource Instance for one server.
 *
 * @param anjay Client object.
 * @param ssid  Server the attributes are for.
 * @param oid   A registered Object.
 * @param iid   An existing Instance.
 * @param rid   A Multiple-Instance Resource.
 * @param riid  An existing Resource Instance.
 * @param attrs The attributes.
 * @returns 0 on success, a negative value on error.
 */
int anjay_attr_storage_set_resource_instance_attrs(
        anjay_t *anjay, anjay_ssid_t ssid, anjay_oid_t oid, anjay_iid_t iid,
        anjay_rid_t rid, anjay_riid_t riid,
        const anjay_dm_r_attributes_t *attrs);

#ifdef __cplusplus
}
#endif

#endif /* ANJAY_INCLUDE_ANJAY_ATTR_STORAGE_H */
