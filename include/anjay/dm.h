/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * @file
 * The data model: Objects defined by the application as a table of handlers,
 * their registration, notification attributes and change notification.
 *
 * Every handler gets the client object and the exact @c def_ptr that was
 * registered (so the application can find its state around it with
 * AVS_CONTAINER_OF), and returns 0 or a negative value, preferably one of
 * the ANJAY_ERR_* codes, which then becomes the CoAP response code. Other
 * negative values become 5.00 Internal Server Error.
 */
#ifndef ANJAY_INCLUDE_ANJAY_DM_H
#define ANJAY_INCLUDE_ANJAY_DM_H

#include <math.h>
#include <stdint.h>

#include <anjay/io.h>

#ifdef __cplusplus
extern "C" {
#endif

/** LwM2M Security Object. */
#define ANJAY_DM_OID_SECURITY 0
/** LwM2M Server Object. */
#define ANJAY_DM_OID_SERVER 1
/** Access Control Object. */
#define ANJAY_DM_OID_ACCESS_CONTROL 2
/** Device Object. */
#define ANJAY_DM_OID_DEVICE 3
/** Firmware Update Object. */
#define ANJAY_DM_OID_FIRMWARE_UPDATE 5

/** An Object definition. */
typedef struct anjay_dm_object_def_struct anjay_dm_object_def_t;

/** Values of the "con" attribute. */
typedef enum {
    /** Not set. */
    ANJAY_DM_CON_ATTR_NONE = -1,
    /** Notifications are Non-confirmable. */
    ANJAY_DM_CON_ATTR_NON = 0,
    /** Notifications are Confirmable. */
    ANJAY_DM_CON_ATTR_CON = 1
} anjay_dm_con_attr_t;

/**
 * Notification attributes that apply to Objects and Object Instances (and,
 * inherited, to Resources). Periods are in seconds; unset ones are
 * @ref ANJAY_ATTRIB_INTEGER_NONE.
 */
typedef struct {
    /** pmin. */
    int32_t min_period;
    /** pmax. */
    int32_t max_period;
    /** epmin. */
    int32_t min_eval_period;
    /** epmax. */
    int32_t max_eval_period;
    /** con. */
    anjay_dm_con_attr_t con;
} anjay_dm_oi_attributes_t;

/**
 * Notification attributes of a Resource or Resource Instance. Unset value
 * attributes are NaN (@ref ANJAY_ATTRIB_DOUBLE_NONE).
 */
typedef struct {
    /** The period and con attributes. */
    anjay_dm_oi_attributes_t common;
    /** gt. */
    double greater_than;
    /** lt. */
    double less_than;
    /** st. */
    double step;
} anjay_dm_r_attributes_t;

/** An integer attribute that is not set. */
#define ANJAY_ATTRIB_INTEGER_NONE (-1)
/** A period attribute that is not set. */
#define ANJAY_ATTRIB_PERIOD_NONE ANJAY_ATTRIB_INTEGER_NONE
/** A floating-point attribute that is not set. */
#define ANJAY_ATTRIB_DOUBLE_NONE (NAN)
/** A value attribute (gt, lt, st) that is not set. */
#define ANJAY_ATTRIB_VALUE_NONE ANJAY_ATTRIB_DOUBLE_NONE

/** Object/Instance attributes with nothing set. */
extern const anjay_dm_oi_attributes_t ANJAY_DM_OI_ATTRIBUTES_EMPTY;
/** Resource attributes with nothing set. */
extern const anjay_dm_r_attributes_t ANJAY_DM_R_ATTRIBUTES_EMPTY;

/**
 * Returns the attributes a server has set on the whole Object. Overrides the
 * built-in attribute storage when set.
 *
 * @param anjay   Client object.
 * @param obj_ptr The registered definition pointer.
 * @param ssid    Server asking.
 * @param out     Receives the attributes.
 * @returns 0 or a negative error code.
 */
typedef int anjay_dm_object_read_default_attrs_t(
        anjay_t *anjay, const anjay_dm_object_def_t *const *obj_ptr,
        anjay_ssid_t ssid, anjay_dm_oi_attributes_t *out);

/**
 * Stores attributes a server sets on the whole Object. Overrides the
 * built-in attribute storage when set.
 *
 * @param anjay   Client object.
 * @param obj_ptr The registered definition pointer.
 * @param ssid    Server setting them.
 * @param attrs   The complete new attributes.
 * @returns 0 or a negative error code.
 */
typedef int anjay_dm_object_write_default_attrs_t(
        anjay_t *anjay, const anjay_dm_object_def_t *const *obj_ptr,
        anjay_ssid_t ssid, const anjay_dm_oi_attributes_t *attrs);

/**
 * Reports every existing Object Instance with @ref anjay_dm_emit, in
 * strictly ascending order. Required.
 *
 * Instances are never created or removed while this runs, so iterating over
 * the application's own list is safe.
 *
 * @param anjay   Client object.
 * @param obj_ptr The registered definition pointer.
 * @param ctx     Where to emit the IDs.
 * @returns 0 or a negative error code.
 */
typedef int
anjay_dm_list_instances_t(anjay_t *anjay,
                          const anjay_dm_object_def_t *const *obj_ptr,
                          anjay_dm_list_ctx_t *ctx);

/**
 * A ready list_instances handler for Objects that always have exactly one
 * Instance, with ID 0.
 *
 * @param anjay   Client object.
 * @param obj_ptr The registered definition pointer.
 * @param ctx     Where to emit the IDs.
 * @returns 0.
 */
int anjay_dm_list_instances_SINGLE(anjay_t *anjay,
                                   const anjay_dm_object_def_t *const *obj_ptr,
                                   anjay_dm_list_ctx_t *ctx);

/**
 * Brings an Instance back to the state right after its creation (optional
 * Resources removed). Used before a replacing Write of the whole Instance,
 * which fails with 4.05 without this handler.
 *
 * @param anjay   Client object.
 * @param obj_ptr The registered definition pointer.
 * @param iid     An existing Instance.
 * @returns 0 or a negative error code.
 */
typedef int
anjay_dm_instance_reset_t(anjay_t *anjay,
                          const anjay_dm_object_def_t *const *obj_ptr,
                          anjay_iid_t iid);

/**
 * Removes an Instance (Delete).
 *
 * @param anjay   Client object.
 * @param obj_ptr The registered definition pointer.
 * @param iid     An existing Instance.
 * @returns 0 or a negative error code.
 */
typedef int
anjay_dm_instance_remove_t(anjay_t *anjay,
                           const anjay_dm_object_def_t *const *obj_ptr,
                           anjay_iid_t iid);

/**
 * Creates an Instance with the given ID, which the library has checked not
 * to exist. The Resources sent with a Create are written afterwards.
 *
 * @param anjay   Client object.
 * @param obj_ptr The registered definition pointer.
 * @param iid     ID chosen by the server or the library.
 * @returns 0 or a negative error code.
 */
typedef int
anjay_dm_instance_create_t(anjay_t *anjay,
                           const anjay_dm_object_def_t *const *obj_ptr,
                           anjay_iid_t iid);

/**
 * Returns the attributes a server has set on an Instance. Overrides the
 * built-in attribute storage when set.
 *
 * @param anjay   Client object.
 * @param obj_ptr The registered definition pointer.
 * @param iid     An existing Instance.
 * @param ssid    Server asking.
 * @param out     Receives the attributes.
 * @returns 0 or a negative error code.
 */
typedef int anjay_dm_instance_read_default_attrs_t(
        anjay_t *anjay, const anjay_dm_object_def_t *const *obj_ptr,
        anjay_iid_t iid, anjay_ssid_t ssid, anjay_dm_oi_attributes_t *out);

/**
 * Stores attributes a server sets on an Instance. Overrides the built-in
 * attribute storage when set.
 *
 * @param anjay   Client object.
 * @param obj_ptr The registered definition pointer.
 * @param iid     An existing Instance.
 * @param ssid    Server setting them.
 * @param attrs   The complete new attributes.
 * @returns 0 or a negative error code.
 */
typedef int anjay_dm_instance_write_default_attrs_t(
        anjay_t *anjay, const anjay_dm_object_def_t *const *obj_ptr,
        anjay_iid_t iid, anjay_ssid_t ssid,
        const anjay_dm_oi_attributes_t *attrs);

/**
 * Reports every Resource the Instance supports with
 * @ref anjay_dm_emit_res, in strictly ascending order, saying which ones
 * currently have a value. Required.
 *
 * @param anjay   Client object.
 * @param obj_ptr The registered definition pointer.
 * @param iid     An existing Instance.
 * @param ctx     Where to emit the Resources.
 * @returns 0 or a negative error code.
 */
typedef int
anjay_dm_list_resources_t(anjay_t *anjay,
                          const anjay_dm_object_def_t *const *obj_ptr,
                          anjay_iid_t iid, anjay_dm_resource_list_ctx_t *ctx);

/**
 * Returns the value of a present readable Resource, or of one of its
 * Instances, with exactly one anjay_ret_* call (returning success without
 * one yields 5.00).
 *
 * @param anjay   Client object.
 * @param obj_ptr The registered definition pointer.
 * @param iid     An existing Instance.
 * @param rid     A present Resource.
 * @param riid    A present Resource Instance, or ANJAY_ID_INVALID for a
 *                Single-Instance Resource.
 * @param ctx     Where to return the value.
 * @returns 0 or a negative error code.
 */
typedef int
anjay_dm_resource_read_t(anjay_t *anjay,
                         const anjay_dm_object_def_t *const *obj_ptr,
                         anjay_iid_t iid, anjay_rid_t rid, anjay_riid_t riid,
                         anjay_output_ctx_t *ctx);

/**
 * Sets the value of a supported non-executable Resource, or of one of its
 * Instances (which is created if missing), reading it with an anjay_get_*
 * call. Called for read-only Resources too when the Bootstrap Server
 * writes.
 *
 * @param anjay   Client object.
 * @param obj_ptr The registered definition pointer.
 * @param iid     An existing Instance.
 * @param rid     A supported Resource.
 * @param riid    Resource Instance for Multiple-Instance Resources,
 *                ANJAY_ID_INVALID otherwise.
 * @param ctx     Where to read the value from.
 * @returns 0 or a negative error code.
 */
typedef int
anjay_dm_resource_write_t(anjay_t *anjay,
                          const anjay_dm_object_def_t *const *obj_ptr,
                          anjay_iid_t iid, anjay_rid_t rid, anjay_riid_t riid,
                          anjay_input_ctx_t *ctx);

/**
 * Performs the Execute operation on a present executable Resource.
 *
 * @param anjay   Client object.
 * @param obj_ptr The registered definition pointer.
 * @param iid     An existing Instance.
 * @param rid     A present executable Resource.
 * @param ctx     Arguments of the request.
 * @returns 0 or a negative error code.
 */
typedef int anjay_dm_resource_execute_t(
        anjay_t *anjay, const anjay_dm_object_def_t *const *obj_ptr,
        anjay_iid_t iid, anjay_rid_t rid, anjay_execute_ctx_t *ctx);

/**
 * Removes every Instance of a Multiple-Instance Resource (the Resource may
 * stay present with no Instances). Used before a replacing Write of the
 * Resource, which fails with 4.05 without this handler.
 *
 * @param anjay   Client object.
 * @param obj_ptr The registered definition pointer.
 * @param iid     An existing Instance.
 * @param rid     A supported Multiple-Instance Resource.
 * @returns 0 or a negative error code.
 */
typedef int
anjay_dm_resource_reset_t(anjay_t *anjay,
                          const anjay_dm_object_def_t *const *obj_ptr,
                          anjay_iid_t iid, anjay_rid_t rid);

/**
 * Reports the Instances of a present Multiple-Instance Resource with
 * @ref anjay_dm_emit, in strictly ascending order.
 *
 * No write or reset of the Resource happens while this runs.
 *
 * @param anjay   Client object.
 * @param obj_ptr The registered definition pointer.
 * @param iid     An existing Instance.
 * @param rid     A present Multiple-Instance Resource.
 * @param ctx     Where to emit the IDs.
 * @returns 0 or a negative error code.
 */
typedef int anjay_dm_list_resource_instances_t(
        anjay_t *anjay, const anjay_dm_object_def_t *const *obj_ptr,
        anjay_iid_t iid, anjay_rid_t rid, anjay_dm_list_ctx_t *ctx);

/**
 * Returns the attributes a server has set on a Resource. Overrides the
 * built-in attribute storage when set.
 *
 * @param anjay   Client object.
 * @param obj_ptr The registered definition pointer.
 * @param iid     An existing Instance.
 * @param rid     A supported Resource.
 * @param ssid    Server asking.
 * @param out     Receives the attributes.
 * @returns 0 or a negative error code.
 */
typedef int
anjay_dm_resource_read_attrs_t(anjay_t *anjay,
                               const anjay_dm_object_def_t *const *obj_ptr,
                               anjay_iid_t iid, anjay_rid_t rid,
                               anjay_ssid_t ssid, anjay_dm_r_attributes_t *out);

/**
 * Stores attributes a server sets on a Resource. Overrides the built-in
 * attribute storage when set.
 *
 * @param anjay   Client object.
 * @param obj_ptr The registered definition pointer.
 * @param iid     An existing Instance.
 * @param rid     A supported Resource.
 * @param ssid    Server setting them.
 * @param attrs   The complete new attributes.
 * @returns 0 or a negative error code.
 */
typedef int anjay_dm_resource_write_attrs_t(
        anjay_t *anjay, const anjay_dm_object_def_t *const *obj_ptr,
        anjay_iid_t iid, anjay_rid_t rid, anjay_ssid_t ssid,
        const anjay_dm_r_attributes_t *attrs);

/**
 * Returns the attributes a server has set on a Resource Instance. Overrides
 * the built-in attribute storage when set.
 *
 * @param anjay   Client object.
 * @param obj_ptr The registered definition pointer.
 * @param iid     An existing Instance.
 * @param rid     A Multiple-Instance Resource.
 * @param riid    A present Resource Instance.
 * @param ssid    Server asking.
 * @param out     Receives the attributes.
 * @returns 0 or a negative error code.
 */
typedef int anjay_dm_resource_instance_read_attrs_t(
        anjay_t *anjay, const anjay_dm_object_def_t *const *obj_ptr,
        anjay_iid_t iid, anjay_rid_t rid, anjay_riid_t riid, anjay_ssid_t ssid,
        anjay_dm_r_attributes_t *out);

/**
 * Stores attributes a server sets on a Resource Instance. Overrides the
 * built-in attribute storage when set.
 *
 * @param anjay   Client object.
 * @param obj_ptr The registered definition pointer.
 * @param iid     An existing Instance.
 * @param rid     A Multiple-Instance Resource.
 * @param riid    A present Resource Instance.
 * @param ssid    Server setting them.
 * @param attrs   The complete new attributes.
 * @returns 0 or a negative error code.
 */
typedef int anjay_dm_resource_instance_write_attrs_t(
        anjay_t *anjay, const anjay_dm_object_def_t *const *obj_ptr,
        anjay_iid_t iid, anjay_rid_t rid, anjay_riid_t riid, anjay_ssid_t ssid,
        const anjay_dm_r_attributes_t *attrs);

/**
 * Removes one Resource Instance. This is a LwM2M 1.2 operation: Tern, which
 * speaks LwM2M 1.0 and 1.1, never calls it; the member exists so that
 * handler tables written for 1.2-enabled builds compile.
 *
 * @param anjay   Client object.
 * @param obj_ptr The registered definition pointer.
 * @param iid     An existing Instance.
 * @param rid     A Multiple-Instance Resource.
 * @param riid    A present Resource Instance.
 * @returns 0 or a negative error code.
 */
typedef int anjay_dm_resource_instance_remove_t(
        anjay_t *anjay, const anjay_dm_object_def_t *const *obj_ptr,
        anjay_iid_t iid, anjay_rid_t rid, anjay_riid_t riid);

/**
 * Starts a transaction on the Object before the first change of a modifying
 * operation (Write, Create, Delete and their Bootstrap forms). Create,
 * remove, reset and write handlers are only called inside a transaction, so
 * an Object without transaction handlers cannot be modified by servers.
 *
 * @param anjay   Client object.
 * @param obj_ptr The registered definition pointer.
 * @returns 0 or a negative error code.
 */
typedef int
anjay_dm_transaction_begin_t(anjay_t *anjay,
                             const anjay_dm_object_def_t *const *obj_ptr);

/**
 * Checks that the changes made since the transaction began leave the Object
 * consistent. Called on every Object touched by the operation before any of
 * them commits; a failure rolls all of them back.
 *
 * @param anjay   Client object.
 * @param obj_ptr The registered definition pointer.
 * @returns 0 if the commit will succeed, a negative error code otherwise.
 */
typedef int
anjay_dm_transaction_validate_t(anjay_t *anjay,
                                const anjay_dm_object_def_t *const *obj_ptr);

/**
 * Makes the changes of the transaction final. May only fail for
 * unforeseeable reasons (e.g. a storage write error); consistency checks
 * belong in the validate handler.
 *
 * @param anjay   Client object.
 * @param obj_ptr The registered definition pointer.
 * @returns 0 or a negative error code.
 */
typedef int
anjay_dm_transaction_commit_t(anjay_t *anjay,
                              const anjay_dm_object_def_t *const *obj_ptr);

/**
 * A transaction handler that does nothing: for Objects that apply changes
 * immediately and never need to undo them.
 *
 * @param anjay   Client object.
 * @param obj_ptr The registered definition pointer.
 * @returns 0.
 */
int anjay_dm_transaction_NOOP(anjay_t *anjay,
                              const anjay_dm_object_def_t *const *obj_ptr);

/**
 * Restores the Object to its state from before the transaction began.
 *
 * @param anjay   Client object.
 * @param obj_ptr The registered definition pointer.
 * @returns 0 or a negative error code.
 */
typedef int
anjay_dm_transaction_rollback_t(anjay_t *anjay,
                                const anjay_dm_object_def_t *const *obj_ptr);

/**
 * The handlers of an Object. @c list_instances and @c list_resources are
 * required; a NULL handler makes the operations that need it fail with 4.05
 * (or, for the attribute handlers, makes the built-in storage take over).
 */
typedef struct {
    /** See @ref anjay_dm_object_read_default_attrs_t. */
    anjay_dm_object_read_default_attrs_t *object_read_default_attrs;
    /** See @ref anjay_dm_object_write_default_attrs_t. */
    anjay_dm_object_write_default_attrs_t *object_write_default_attrs;
    /** See @ref anjay_dm_list_instances_t; required. */
    anjay_dm_list_instances_t *list_instances;
    /** See @ref anjay_dm_instance_reset_t. */
    anjay_dm_instance_reset_t *instance_reset;
    /** See @ref anjay_dm_instance_create_t. */
    anjay_dm_instance_create_t *instance_create;
    /** See @ref anjay_dm_instance_remove_t. */
    anjay_dm_instance_remove_t *instance_remove;
    /** See @ref anjay_dm_instance_read_default_attrs_t. */
    anjay_dm_instance_read_default_attrs_t *instance_read_default_attrs;
    /** See @ref anjay_dm_instance_write_default_attrs_t. */
    anjay_dm_instance_write_default_attrs_t *instance_write_default_attrs;
    /** See @ref anjay_dm_list_resources_t; required. */
    anjay_dm_list_resources_t *list_resources;
    /** See @ref anjay_dm_resource_read_t. */
    anjay_dm_resource_read_t *resource_read;
    /** See @ref anjay_dm_resource_write_t. */
    anjay_dm_resource_write_t *resource_write;
    /** See @ref anjay_dm_resource_execute_t. */
    anjay_dm_resource_execute_t *resource_execute;
    /** See @ref anjay_dm_resource_reset_t. */
    anjay_dm_resource_reset_t *resource_reset;
    /** See @ref anjay_dm_list_resource_instances_t. */
    anjay_dm_list_resource_instances_t *list_resource_instances;
    /** See @ref anjay_dm_resource_read_attrs_t. */
    anjay_dm_resource_read_attrs_t *resource_read_attrs;
    /** See @ref anjay_dm_resource_write_attrs_t. */
    anjay_dm_resource_write_attrs_t *resource_write_attrs;
    /** See @ref anjay_dm_transaction_begin_t. */
    anjay_dm_transaction_begin_t *transaction_begin;
    /** See @ref anjay_dm_transaction_validate_t. */
    anjay_dm_transaction_validate_t *transaction_validate;
    /** See @ref anjay_dm_transaction_commit_t. */
    anjay_dm_transaction_commit_t *transaction_commit;
    /** See @ref anjay_dm_transaction_rollback_t. */
    anjay_dm_transaction_rollback_t *transaction_rollback;
    /** See @ref anjay_dm_resource_instance_read_attrs_t. */
    anjay_dm_resource_instance_read_attrs_t *resource_instance_read_attrs;
    /** See @ref anjay_dm_resource_instance_write_attrs_t. */
    anjay_dm_resource_instance_write_attrs_t *resource_instance_write_attrs;
    /** See @ref anjay_dm_resource_instance_remove_t; never called. */
    anjay_dm_resource_instance_remove_t *resource_instance_remove;
} anjay_dm_handlers_t;

/** An Object: its ID, version and handlers. */
struct anjay_dm_object_def_struct {
    /** Object ID; not ANJAY_ID_INVALID. */
    anjay_oid_t oid;
    /** Version "X.Y" (static storage) reported as "ver=" in Register and
     * Discover, or NULL to report none. */
    const char *version;
    /** The handlers. */
    anjay_dm_handlers_t handlers;
};

/**
 * Tells the library that a Resource value changed by means other than a
 * server's Write. Nothing is sent from within this call: the notification
 * check runs on the next @ref anjay_sched_run, so the value may be updated
 * just before or just after calling this.
 *
 * @param anjay Client object.
 * @param oid   Object of the Resource.
 * @param iid   Instance of the Resource.
 * @param rid   The Resource.
 * @returns 0 on success, a negative value on error.
 */
int anjay_notify_changed(anjay_t *anjay, anjay_oid_t oid, anjay_iid_t iid,
                         anjay_rid_t rid);

/**
 * Tells the library that Instances of an Object were created or removed by
 * means other than a server's Create or Delete.
 *
 * @param anjay Client object.
 * @param oid   The Object.
 * @returns 0 on success, a negative value on error.
 */
int anjay_notify_instances_changed(anjay_t *anjay, anjay_oid_t oid);

#ifndef ANJAY_MAX_OBSERVATION_SERVERS_REPORTED_NUMBER
/** How many observing SSIDs @ref anjay_resource_observation_status_t lists. */
#    define ANJAY_MAX_OBSERVATION_SERVERS_REPORTED_NUMBER 0
#endif

/** Whether and how closely a Resource is observed. */
typedef struct {
    /** Some server observes the Resource. */
    bool is_observed;
    /** Smallest effective pmin among the observations; 0 if none. */
    int32_t min_period;
    /** Smallest effective epmax among the observations, or
     * ANJAY_ATTRIB_INTEGER_NONE. */
    int32_t max_eval_period;
#if (ANJAY_MAX_OBSERVATION_SERVERS_REPORTED_NUMBER > 0)
    /** Number of observing servers. */
    uint16_t servers_number;
    /** Their SSIDs (the first ones if there are more). */
    anjay_ssid_t servers[ANJAY_MAX_OBSERVATION_SERVERS_REPORTED_NUMBER];
#endif
} anjay_resource_observation_status_t;

/**
 * Tells whether a Resource is observed, so that an application that polls
 * a sensor knows how often it has to.
 *
 * @param anjay Client object.
 * @param oid   Object of the Resource.
 * @param iid   Instance of the Resource.
 * @param rid   The Resource.
 * @returns The status; "not observed" for an invalid path.
 */
anjay_resource_observation_status_t
anjay_resource_observation_status(anjay_t *anjay, anjay_oid_t oid,
                                  anjay_iid_t iid, anjay_rid_t rid);

/**
 * Adds an Object to the data model.
 *
 * @param anjay   Client object.
 * @param def_ptr Pointer to the definition pointer; this exact value is
 *                passed to every handler. Must stay valid until
 *                @ref anjay_unregister_object or @ref anjay_delete.
 * @returns 0 on success, a negative value for an invalid definition (no
 *          list handlers, ID 65535, bad version string) or an Object ID
 *          that is already registered.
 */
int anjay_register_object(anjay_t *anjay,
                          const anjay_dm_object_def_t *const *def_ptr);

/**
 * Removes an Object from the data model, with its attributes and pending
 * notifications. Must not be called from a handler.
 *
 * @param anjay   Client object.
 * @param def_ptr The pointer given to @ref anjay_register_object.
 * @returns 0 on success, a negative value if it is not registered.
 */
int anjay_unregister_object(anjay_t *anjay,
                            const anjay_dm_object_def_t *const *def_ptr);

/**
 * Checks a Binding resource value: one or more of the letters U, T, S, N
 * and Q, each at most once, in any order (this covers the LwM2M 1.0 values
 * "U", "UQ", "S", "SQ", "US", "UQS").
 *
 * @param binding_mode The value.
 * @returns true if valid.
 */
bool anjay_binding_mode_valid(const char *binding_mode);

/** Values of the Security Mode resource (/0/x/2). */
typedef enum {
    /** Pre-Shared Key. */
    ANJAY_SECURITY_PSK = 0,
    /** Raw Public Key. */
    ANJAY_SECURITY_RPK = 1,
    /** X.509 certificates. */
    ANJAY_SECURITY_CERTIFICATE = 2,
    /** No security. */
    ANJAY_SECURITY_NOSEC = 3,
    /** Certificates obtained with EST. */
    ANJAY_SECURITY_EST = 4
} anjay_security_mode_t;

/** Access right: Read, Observe, Discover, Write-Attributes. */
#define ANJAY_ACCESS_MASK_READ (1U << 0)
/** Access right: Write. */
#define ANJAY_ACCESS_MASK_WRITE (1U << 1)
/** Access right: Execute. */
#define ANJAY_ACCESS_MASK_EXECUTE (1U << 2)
/** Access right: Delete. */
#define ANJAY_ACCESS_MASK_DELETE (1U << 3)
/** Access right: Create. */
#define ANJAY_ACCESS_MASK_CREATE (1U << 4)
/** Every access right. */
#define ANJAY_ACCESS_MASK_FULL                                                 \
    (ANJAY_ACCESS_MASK_READ | ANJAY_ACCESS_MASK_WRITE |                        \
     ANJAY_ACCESS_MASK_DELETE | ANJAY_ACCESS_MASK_EXECUTE |                    \
     ANJAY_ACCESS_MASK_CREATE)
/** No access right. */
#define ANJAY_ACCESS_MASK_NONE 0
/** Owner value of an Access Control instance that the Bootstrap Server
 * owns. */
#define ANJAY_ACCESS_LIST_OWNER_BOOTSTRAP UINT16_MAX

/** A combination of ANJAY_ACCESS_MASK_* bits. */
typedef uint16_t anjay_access_mask_t;

/** The LwM2M 1.1 communication retry settings of a Server instance. */
typedef struct {
    /** Initial Registration Delay Timer (/1/x/14), seconds. */
    uint32_t initial_registration_delay_timer_s;
    /** Communication Retry Count (/1/x/17). */
    uint32_t retry_count;
    /** Communication Retry Timer (/1/x/18), seconds. */
    uint32_t retry_timer_s;
    /** Communication Sequence Retry Count (/1/x/20). */
    uint32_t sequence_retry_count;
    /** Communication Sequence Delay Timer (/1/x/19), seconds. */
    uint32_t sequence_delay_timer_s;
} anjay_communication_retry_params_t;

/** The retry settings the LwM2M 1.1 specification gives as defaults. */
static const anjay_communication_retry_params_t
        ANJAY_COMMUNICATION_RETRY_PARAMS_DEFAULT = {
                .initial_registration_delay_timer_s = 0,
                .retry_count = 5,
                .retry_timer_s = 60,
                .sequence_retry_count = 1,
                .sequence_delay_timer_s = 86400};

#ifdef __cplusplus
}
#endif

#endif /* ANJAY_INCLUDE_ANJAY_DM_H */
