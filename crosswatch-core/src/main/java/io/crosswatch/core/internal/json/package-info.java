/** JSON writing shared by core's stored formats (the state store's and the local tracker's rows); not exported. */
package io.crosswatch.core.internal.json;
