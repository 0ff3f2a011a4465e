/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/* Registered clients and clients in the middle of bootstrap. */
#ifndef TERN_SERVER_REGISTRY_H
#define TERN_SERVER_REGISTRY_H

#include <coap3/coap.h>
#include <stdint.h>

#include "server_buf.h"

typedef struct srv_client srv_client_t;
struct srv_client {
    srv_client_t *next;
    /* Short name, also the registration id in Location-Path "rd/<name>". */
    char name[16];
    char *ep;
    /* Created by a Bootstrap-Request rather than a Register. */
    int bootstrap;
    unsigned long lifetime;
    char *version;
    char *binding;
    char *links;
    int queue_mode;
    /* Referenced while the entry lives, so that libcoap keeps it. */
    coap_session_t *session;
    uint64_t expires_ms;
};

/** Called just before an entry is freed, to drop what refers to it. */
typedef void (*srv_registry_forget_t)(const srv_client_t *client);

void srv_registry_init(srv_registry_forget_t forget, uint64_t grace_ms);
/** Creates an entry with a new name, holding a reference on @p session. */
srv_client_t *srv_registry_add(int bootstrap, const char *ep,
                               coap_session_t *session);
/** Moves the entry to @p session (a client may come back on a new one). */
void srv_registry_set_session(srv_client_t *client, coap_session_t *session);
/** Restarts the lifetime from now. */
void srv_registry_touch(srv_client_t *client, uint64_t now_ms);
/** Finds a registration (or a bootstrap entry) by its name, then by its
 * endpoint name. */
srv_client_t *srv_registry_find(const char *name_or_ep, int bootstrap);
/** Finds an entry by endpoint name only. */
srv_client_t *srv_registry_find_ep(const char *ep, int bootstrap);
srv_client_t *srv_registry_find_by_session(const coap_session_t *session,
                                           int bootstrap);
srv_client_t *srv_registry_first(void);
void srv_registry_remove(srv_client_t *client);
/** Emits EXPIRED for, and removes, every registration past its lifetime. */
void srv_registry_expire(uint64_t now_ms);
/** The earliest expiry, or UINT64_MAX. */
uint64_t srv_registry_next_expiry(void);
void srv_registry_clear(void);
/** "<name> ep=<ep> lt=<lt> lwm2m=<ver> b=<binding> links=<links>" */
void srv_registry_describe(const srv_client_t *client, srv_buf_t *out);

#endif /* TERN_SERVER_REGISTRY_H */
