/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * @file
 * The LwM2M Send operation: values collected into a batch (with a builder)
 * and sent to a server without being asked.
 */
#ifndef ANJAY_INCLUDE_ANJAY_LWM2M_SEND_H
#define ANJAY_INCLUDE_ANJAY_LWM2M_SEND_H

#include <anjay/anjay.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Collects values for a batch. */
typedef struct anjay_send_batch_builder_struct anjay_send_batch_builder_t;

/** An immutable, reference-counted set of timestamped values. */
typedef struct anjay_send_batch_struct anjay_send_batch_t;

/** A Resource path for the *_multiple functions; no field may be 65535. */
typedef struct {
    /** Object ID. */
    anjay_oid_t oid;
    /** Object Instance ID. */
    anjay_iid_t iid;
    /** Resource ID. */
    anjay_rid_t rid;
} anjay_send_resource_path_t;

/** Finish result: a deferred Send was cancelled (the server was removed,
 * registered with LwM2M 1.0, or muted Send meanwhile). */
#define ANJAY_SEND_DEFERRED_ERROR (-3)
/** Finish result: abandoned without an answer (client cleanup, or the
 * connection was closed, e.g. going offline). */
#define ANJAY_SEND_ABORT (-2)
/** Finish result: no answer in time; the batch may be sent again. */
#define ANJAY_SEND_TIMEOUT (-1)
/** Finish result: the server acknowledged the data. */
#define ANJAY_SEND_SUCCESS 0

/**
 * Called once a Send is acknowledged or has failed.
 *
 * @param anjay  Client object.
 * @param ssid   Server the batch was sent to.
 * @param batch  The batch; keep it beyond this call only after
 *               @ref anjay_send_batch_acquire.
 * @param result ANJAY_SEND_SUCCESS, one of the other ANJAY_SEND_* results,
 *               or a negated CoAP code (ANJAY_ERR_*) the server answered.
 * @param data   The @c finished_handler_data given to anjay_send().
 */
typedef void anjay_send_finished_handler_t(anjay_t *anjay, anjay_ssid_t ssid,
                                           const anjay_send_batch_t *batch,
                                           int result, void *data);

/**
 * Creates an empty batch builder.
 *
 * @returns The builder (free it with @ref anjay_send_batch_builder_compile
 *          or @ref anjay_send_batch_builder_cleanup), or NULL on lack of
 *          memory.
 */
anjay_send_batch_builder_t *anjay_send_batch_builder_new(void);

/**
 * Frees a builder and its values; NULL and an already compiled (NULLed)
 * builder are accepted.
 *
 * @param builder The builder; set to NULL.
 */
void anjay_send_batch_builder_cleanup(anjay_send_batch_builder_t **builder);

/**
 * Adds a signed integer value. A @p timestamp before 2^28 s after the epoch
 * (1978-07-04) counts as relative to an arbitrary origin and is sent
 * relative to "now" (RFC 8428); later ones are absolute.
 *
 * @param builder   The builder.
 * @param oid       Object ID; not 65535.
 * @param iid       Object Instance ID; not 65535.
 * @param rid       Resource ID; not 65535.
 * @param riid      Resource Instance ID, or 65535 for none.
 * @param timestamp When the value was valid.
 * @param value     The value.
 * @returns 0 on success, a negative value on error (builder unchanged).
 */
int anjay_send_batch_add_int(anjay_send_batch_builder_t *builder,
                             anjay_oid_t oid, anjay_iid_t iid, anjay_rid_t rid,
                             anjay_riid_t riid, avs_time_real_t timestamp,
                             int64_t value);

/**
 * Adds an unsigned integer value; see @ref anjay_send_batch_add_int.
 *
 * @param builder   The builder.
 * @param oid       Object ID; not 65535.
 * @param iid       Object Instance ID; not 65535.
 * @param rid       Resource ID; not 65535.
 * @param riid      Resource Instance ID, or 65535 for none.
 * @param timestamp When the value was valid.
 * @param value     The value.
 * @returns 0 on success, a negative value on error (builder unchanged).
 */
int anjay_send_batch_add_uint(anjay_send_batch_builder_t *builder,
                              anjay_oid_t oid, anjay_iid_t iid, anjay_rid_t rid,
                              anjay_riid_t riid, avs_time_real_t timestamp,
                              uint64_t value);

/**
 * Adds a floating-point value; see @ref anjay_send_batch_add_int.
 *
 * @param builder   The builder.
 * @param oid       Object ID; not 65535.
 * @param iid       Object Instance ID; not 65535.
 * @param rid       Resource ID; not 65535.
 * @param riid      Resource Instance ID, or 65535 for none.
 * @param timestamp When the value was valid.
 * @param value     The value.
 * @returns 0 on success, a negative value on error (builder unchanged).
 */
int anjay_send_batch_add_double(anjay_send_batch_builder_t *builder,
                                anjay_oid_t oid, anjay_iid_t iid,
                                anjay_rid_t rid, anjay_riid_t riid,
                                avs_time_real_t timestamp, double value);

/**
 * Adds a boolean value; see @ref anjay_send_batch_add_int.
 *
 * @param builder   The builder.
 * @param oid       Object ID; not 65535.
 * @param iid       Object Instance ID; not 65535.
 * @param rid       Resource ID; not 65535.
 * @param riid      Resource Instance ID, or 65535 for none.
 * @param timestamp When the value was valid.
 * @param value     The value.
 * @returns 0 on success, a negative value on error (builder unchanged).
 */
int anjay_send_batch_add_bool(anjay_send_batch_builder_t *builder,
                              anjay_oid_t oid, anjay_iid_t iid, anjay_rid_t rid,
                              anjay_riid_t riid, avs_time_real_t timestamp,
                              bool value);

/**
 * Adds a string value (copied); see @ref anjay_send_batch_add_int.
 *
 * @param builder   The builder.
 * @param oid       Object ID; not 65535.
 * @param iid       Object Instance ID; not 65535.
 * @param rid       Resource ID; not 65535.
 * @param riid      Resource Instance ID, or 65535 for none.
 * @param timestamp When the value was valid.
 * @param str       NUL-terminated text; not NULL.
 * @returns 0 on success, a negative value on error (builder unchanged).
 */
int anjay_send_batch_add_string(anjay_send_batch_builder_t *builder,
                                anjay_oid_t oid, anjay_iid_t iid,
                                anjay_rid_t rid, anjay_riid_t riid,
                                avs_time_real_t timestamp, const char *str);

/**
 * Adds an opaque value (copied); see @ref anjay_send_batch_add_int.
 *
 * @param builder   The builder.
 * @param oid       Object ID; not 65535.
 * @param iid       Object Instance ID; not 65535.
 * @param rid       Resource ID; not 65535.
 * @param riid      Resource Instance ID, or 65535 for none.
 * @param timestamp When the value was valid.
 * @param data      The bytes; may be NULL if @p length is 0.
 * @param length    Their number.
 * @returns 0 on success, a negative value on error (builder unchanged).
 */
int anjay_send_batch_add_bytes(anjay_send_batch_builder_t *builder,
                               anjay_oid_t oid, anjay_iid_t iid,
                               anjay_rid_t rid, anjay_riid_t riid,
                               avs_time_real_t timestamp, const void *data,
                               size_t length);

/**
 * Adds an Object Link value; see @ref anjay_send_batch_add_int.
 *
 * @param builder    The builder.
 * @param oid        Object ID; not 65535.
 * @param iid        Object Instance ID; not 65535.
 * @param rid        Resource ID; not 65535.
 * @param riid       Resource Instance ID, or 65535 for none.
 * @param timestamp  When the value was valid.
 * @param objlnk_oid Object ID the link points to.
 * @param objlnk_iid Object Instance ID the link points to.
 * @returns 0 on success, a negative value on error (builder unchanged).
 */
int anjay_send_batch_add_objlnk(anjay_send_batch_builder_t *builder,
                                anjay_oid_t oid, anjay_iid_t iid,
                                anjay_rid_t rid, anjay_riid_t riid,
                                avs_time_real_t timestamp,
                                anjay_oid_t objlnk_oid, anjay_iid_t objlnk_iid);

/**
 * Reads a Resource from the data model (ignoring access rights) and adds its
 * value, or the values of all its Instances, stamped with the current time.
 *
 * @param builder The builder.
 * @param anjay   Client object.
 * @param oid     Object ID; not 65535 and not the Security Object (0).
 * @param iid     Object Instance ID; not 65535.
 * @param rid     Resource ID; not 65535.
 * @returns 0 on success, a negative value on error (builder unchanged).
 */
int anjay_send_batch_data_add_current(anjay_send_batch_builder_t *builder,
                                      anjay_t *anjay, anjay_oid_t oid,
                                      anjay_iid_t iid, anjay_rid_t rid);

/**
 * @ref anjay_send_batch_data_add_current for several Resources, all with the
 * same timestamp. Fails as a whole if any Resource cannot be read.
 *
 * @param builder      The builder.
 * @param anjay        Client object.
 * @param paths        The Resources.
 * @param paths_length Number of entries of @p paths.
 * @returns 0 on success, a negative value on error (builder unchanged).
 */
int anjay_send_batch_data_add_current_multiple(
        anjay_send_batch_builder_t *builder, anjay_t *anjay,
        const anjay_send_resource_path_t *paths, size_t paths_length);

/**
 * Like @ref anjay_send_batch_data_add_current_multiple, skipping Resources
 * that do not exist instead of failing.
 *
 * @param builder      The builder.
 * @param anjay        Client object.
 * @param paths        The Resources.
 * @param paths_length Number of entries of @p paths.
 * @returns 0 on success, a negative value on error (builder unchanged).
 */
int anjay_send_batch_data_add_current_multiple_ignore_not_found(
        anjay_send_batch_builder_t *builder, anjay_t *anjay,
        const anjay_send_resource_path_t *paths, size_t paths_length);

/**
 * Turns the builder into an immutable batch with a reference count of 1.
 *
 * @param builder The builder; freed and set to NULL on success, untouched
 *                on failure.
 * @returns The batch, or NULL on lack of memory.
 */
anjay_send_batch_t *
anjay_send_batch_builder_compile(anjay_send_batch_builder_t **builder);

/**
 * Takes one more reference to a batch; pair it with
 * @ref anjay_send_batch_release.
 *
 * @param batch The batch; not NULL.
 * @returns @p batch.
 */
anjay_send_batch_t *anjay_send_batch_acquire(const anjay_send_batch_t *batch);

/**
 * Drops one reference to a batch, freeing it with the last one.
 *
 * @param batch The batch; set to NULL. NULL is accepted.
 */
void anjay_send_batch_release(anjay_send_batch_t **batch);

/** Immediate outcome of @ref anjay_send. */
typedef enum {
    /** Scheduled. */
    ANJAY_SEND_OK = 0,
    /** The client was built without Send support. */
    ANJAY_SEND_ERR_UNSUPPORTED,
    /** The server's Mute Send resource is true. */
    ANJAY_SEND_ERR_MUTED,
    /** The server's connection is offline. */
    ANJAY_SEND_ERR_OFFLINE,
    /** A bootstrap is in progress. */
    ANJAY_SEND_ERR_BOOTSTRAP,
    /** No registered server with that SSID. */
    ANJAY_SEND_ERR_SSID,
    /** The server registered with LwM2M 1.0, which lacks Send. */
    ANJAY_SEND_ERR_PROTOCOL,
    /** Internal error, e.g. lack of memory. */
    ANJAY_SEND_ERR_INTERNAL
} anjay_send_result_t;

/**
 * Schedules sending a batch to a server on the next @ref anjay_sched_run.
 * A successful return means it will be sent, not that it arrived; the
 * finished handler tells that.
 *
 * @param anjay                 Client object.
 * @param ssid                  A registered server; not ANJAY_SSID_ANY or
 *                              ANJAY_SSID_BOOTSTRAP.
 * @param data                  A compiled batch (may be empty).
 * @param finished_handler      Called once with the outcome; may be NULL.
 * @param finished_handler_data Passed to @p finished_handler.
 * @returns ANJAY_SEND_OK or the reason of refusal.
 */
anjay_send_result_t anjay_send(anjay_t *anjay, anjay_ssid_t ssid,
                               const anjay_send_batch_t *data,
                               anjay_send_finished_handler_t *finished_handler,
                               void *finished_handler_data);

/**
 * Like @ref anjay_send, but when the server is offline or a bootstrap is in
 * progress, the Send waits until it can be performed instead of failing.
 *
 * @param anjay                 Client object.
 * @param ssid                  A server; not ANJAY_SSID_ANY or
 *                              ANJAY_SSID_BOOTSTRAP.
 * @param data                  A compiled batch.
 * @param finished_handler      Called once with the outcome (possibly
 *                              ANJAY_SEND_DEFERRED_ERROR); may be NULL.
 * @param finished_handler_data Passed to @p finished_handler.
 * @returns ANJAY_SEND_OK or the reason of refusal.
 */
anjay_send_result_t
anjay_send_deferrable(anjay_t *anjay, anjay_ssid_t ssid,
                      const anjay_send_batch_t *data,
                      anjay_send_finished_handler_t *finished_handler,
                      void *finished_handler_data);

#ifdef __cplusplus
}
#endif

#endif /* ANJAY_INCLUDE_ANJAY_LWM2M_SEND_H */
