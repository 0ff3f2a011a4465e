/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * The requests a device sends: Register, Update, De-register (/rd),
 * Bootstrap-Request (/bs) and Send (/dp).
 */
#ifndef TERN_SERVER_RD_H
#define TERN_SERVER_RD_H

#include <coap3/coap.h>

/** Installs the handlers; /bs answers only with @p bootstrap set. */
int srv_rd_init(coap_context_t *ctx, int bootstrap);
/** Drops the partial uploads and remembered responses. */
void srv_rd_cleanup(void);

#endif /* TERN_SERVER_RD_H */
