/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

#include "server_registry.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "server_events.h"

static srv_client_t *g_clients;
static unsigned long g_next_name = 1;
static srv_registry_forget_t g_forget;
static uint64_t g_grace_ms;

void srv_registry_init(srv_registry_forget_t forget, uint64_t grace_ms) {
    g_forget = forget;
    g_grace_ms = grace_ms;
}

srv_client_t *srv_registry_add(int bootstrap, const char *ep,
                               coap_session_t *session) {
    srv_client_t *c = (srv_client_t *) srv_xmalloc(sizeof(*c));
    memset(c, 0, sizeof(*c));
    snprintf(c->name, sizeof(c->name), "%lu", g_next_name++);
    c->ep = srv_xstrdup(ep);
    c->bootstrap = bootstrap;
    c->version = srv_xstrdup("");
    c->binding = srv_xstrdup("");
    c->links = srv_xstrdup("");
    c->session = coap_session_reference(session);
    c->expires_ms = UINT64_MAX;
    /* Appended, so that list prints in registration order. */
    srv_client_t **tail = &g_clients;
    while (*tail) {
        tail = &(*tail)->next;
    }
    *tail = c;
    return c;
}

void srv_registry_set_session(srv_client_t *client, coap_session_t *session) {
    if (client->session != session) {
        coap_session_reference(session);
        coap_session_release(client->session);
        client->session = session;
    }
}

void srv_registry_touch(srv_client_t *client, uint64_t now_ms) {
    client->expires_ms =
            now_ms + (uint64_t) client->lifetime * 1000u + g_grace_ms;
}

srv_client_t *srv_registry_find(const char *name_or_ep, int bootstrap) {
    for (srv_client_t *c = g_clients; c; c = c->next) {
        if (c->bootstrap == bootstrap && strcmp(c->name, name_or_ep) == 0) {
            return c;
        }
    }
    for (srv_client_t *c = g_clients; c; c = c->next) {
        if (c->bootstrap == bootstrap && strcmp(c->ep, name_or_ep) == 0) {
            return c;
        }
    }
    return NULL;
}

srv_client_t *srv_registry_find_ep(const char *ep, int bootstrap) {
    for (srv_client_t *c = g_clients; c; c = c->next) {
        if (c->bootstrap == bootstrap && strcmp(c->ep, ep) == 0) {
            return c;
        }
    }
    return NULL;
}

srv_client_t *srv_registry_find_by_session(const coap_session_t *session,
                                           int bootstrap) {
    for (srv_client_t *c = g_clients; c; c = c->next) {
        if (c->bootstrap == bootstrap && c->session == session) {
            return c;
        }
    }
    return NULL;
}

srv_client_t *srv_registry_first(void) {
    return g_clients;
}

void srv_registry_remove(srv_client_t *client) {
    for (srv_client_t **p = &g_clients; *p; p = &(*p)->next) {
        if (*p == client) {
            *p = client->next;
            break;
        }
    }
    if (g_forget) {
        g_forget(client);
    }
    coap_session_release(client->session);
    free(client->ep);
    free(client->version);
    free(client->binding);
    free(client->links);
    free(client);
}

void srv_registry_expire(uint64_t now_ms) {
    srv_client_t *c = g_clients;
    while (c) {
        srv_client_t *next = c->next;
        if (!c->bootstrap && c->expires_ms <= now_ms) {
            srv_buf_t line;
            srv_buf_init(&line);
            srv_buf_printf(&line, "EXPIRED %s ep=", c->name);
            srv_buf_append_escaped(&line, c->ep, strlen(c->ep));
            srv_event_emit(SRV_EV_EXPIRED, srv_buf_cstr(&line));
            srv_buf_free(&line);
            srv_registry_remove(c);
        }
        c = next;
    }
}

uint64_t srv_registry_next_expiry(void) {
    uint64_t next = UINT64_MAX;
    for (srv_client_t *c = g_clients; c; c = c->next) {
        if (!c->bootstrap && c->expires_ms < next) {
            next = c->expires_ms;
        }
    }
    return next;
}

void srv_registry_clear(void) {
    while (g_clients) {
        srv_registry_remove(g_clients);
    }
}

void srv_registry_describe(const srv_client_t *client, srv_buf_t *out) {
    srv_buf_printf(out, "%s ep=", client->name);
    srv_buf_append_escaped(out, client->ep, strlen(client->ep));
    if (client->bootstrap) {
        return;
    }
    srv_buf_printf(out, " lt=%lu lwm2m=%s b=%s links=", client->lifetime,
                   client->version, client->binding);
    srv_buf_append_escaped(out, client->links, strlen(client->links));
}
