/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

#include "server_model.h"

#include <stddef.h>

/* Resource ids from 5500 up are shared by the IPSO objects, whatever the
 * object id, so they are listed once under this marker. */
#define ANY_IPSO_OBJECT 0xffffu

#define S SRV_V_STRING
#define I SRV_V_INT
#define U SRV_V_UINT
#define F SRV_V_FLOAT
#define B SRV_V_BOOL
#define O SRV_V_OPAQUE
#define L SRV_V_OBJLNK
#define T SRV_V_TIME

static const struct {
    uint16_t oid;
    uint16_t rid;
    srv_vtype_t type;
} MODEL[] = {
        /* 0: LwM2M Security */
        {0, 0, S},
        {0, 1, B},
        {0, 2, I},
        {0, 3, O},
        {0, 4, O},
        {0, 5, O},
        {0, 6, I},
        {0, 7, O},
        {0, 8, O},
        {0, 9, S},
        {0, 10, I},
        {0, 11, I},
        {0, 12, I},
        {0, 13, U},
        {0, 14, S},
        {0, 15, U},
        {0, 16, U},
        {0, 17, L},
        /* 1: LwM2M Server */
        {1, 0, I},
        {1, 1, I},
        {1, 2, I},
        {1, 3, I},
        {1, 5, I},
        {1, 6, B},
        {1, 7, S},
        {1, 10, L},
        {1, 11, U},
        {1, 12, T},
        {1, 13, U},
        {1, 14, U},
        {1, 15, B},
        {1, 16, B},
        {1, 17, U},
        {1, 18, U},
        {1, 19, U},
        {1, 20, U},
        {1, 21, B},
        {1, 22, S},
        {1, 23, B},
        /* 2: Access Control */
        {2, 0, I},
        {2, 1, I},
        {2, 2, I},
        {2, 3, I},
        /* 3: Device */
        {3, 0, S},
        {3, 1, S},
        {3, 2, S},
        {3, 3, S},
        {3, 6, I},
        {3, 7, I},
        {3, 8, I},
        {3, 9, I},
        {3, 10, I},
        {3, 11, I},
        {3, 13, T},
        {3, 14, S},
        {3, 15, S},
        {3, 16, S},
        {3, 17, S},
        {3, 18, S},
        {3, 19, S},
        {3, 20, I},
        {3, 21, I},
        {3, 22, L},
        /* 4: Connectivity Monitoring */
        {4, 0, I},
        {4, 1, I},
        {4, 2, I},
        {4, 3, I},
        {4, 4, S},
        {4, 5, S},
        {4, 6, I},
        {4, 7, S},
        {4, 8, I},
        {4, 9, I},
        {4, 10, I},
        /* 5: Firmware Update */
        {5, 0, O},
        {5, 1, S},
        {5, 3, I},
        {5, 5, I},
        {5, 6, S},
        {5, 7, S},
        {5, 8, I},
        {5, 9, I},
        /* 6: Location */
        {6, 0, F},
        {6, 1, F},
        {6, 2, F},
        {6, 3, F},
        {6, 4, O},
        {6, 5, T},
        {6, 6, F},
        /* 7: Connectivity Statistics */
        {7, 0, I},
        {7, 1, I},
        {7, 2, I},
        {7, 3, I},
        {7, 4, I},
        {7, 5, I},
        {7, 8, I},
        /* IPSO reusable resources */
        {ANY_IPSO_OBJECT, 5500, B},
        {ANY_IPSO_OBJECT, 5501, I},
        {ANY_IPSO_OBJECT, 5601, F},
        {ANY_IPSO_OBJECT, 5602, F},
        {ANY_IPSO_OBJECT, 5603, F},
        {ANY_IPSO_OBJECT, 5604, F},
        {ANY_IPSO_OBJECT, 5700, F},
        {ANY_IPSO_OBJECT, 5701, S},
        {ANY_IPSO_OBJECT, 5750, S},
        {ANY_IPSO_OBJECT, 5850, B},
        {ANY_IPSO_OBJECT, 5851, I},
};

srv_vtype_t srv_model_type(uint16_t oid, uint16_t rid) {
    for (size_t i = 0; i < sizeof(MODEL) / sizeof(MODEL[0]); ++i) {
        if (MODEL[i].rid == rid &&
            (MODEL[i].oid == oid ||
             (MODEL[i].oid == ANY_IPSO_OBJECT && oid >= 3200))) {
            return MODEL[i].type;
        }
    }
    return SRV_V_NONE;
}
