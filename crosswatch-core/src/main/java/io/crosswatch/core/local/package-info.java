/**
 * The local tracker — the embedded default connector that needs no account and keeps every
 * feature in one SQLite file — and the import/export formats around it: IMDb, Letterboxd and
 * Trakt exports in ({@link io.crosswatch.core.local.Importers}), the common item JSON shape
 * ({@link io.crosswatch.core.local.ItemJson}), and CSV, JSON, Letterboxd and IMDb files out
 * ({@link io.crosswatch.core.local.Exporters}).
 *
 * @since 0.1
 */
package io.crosswatch.core.local;
