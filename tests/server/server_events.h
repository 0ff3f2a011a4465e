/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * Events are printed when they happen and also counted, so that a wait-*
 * command issued after the event still sees it: a script never races the
 * device it drives.
 */
#ifndef TERN_SERVER_EVENTS_H
#define TERN_SERVER_EVENTS_H

typedef enum {
    SRV_EV_REGISTERED,
    SRV_EV_UPDATED,
    SRV_EV_DEREGISTERED,
    SRV_EV_EXPIRED,
    SRV_EV_BOOTSTRAP,
    SRV_EV_NOTIFY,
    SRV_EV_SEND,
    SRV_EV_COUNT
} srv_event_t;

/** Prints @p line and counts one event of kind @p ev. */
void srv_event_emit(srv_event_t ev, const char *line);
/** Consumes one counted event of kind @p ev: 1 if there was one. */
int srv_event_take(srv_event_t ev);

#endif /* TERN_SERVER_EVENTS_H */
