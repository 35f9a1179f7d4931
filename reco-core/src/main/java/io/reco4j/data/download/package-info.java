/**
 * Getting public datasets onto the machine and finding them again: the {@link
 * io.reco4j.data.download.DatasetCatalog} of MovieLens archives with pinned SHA-256 digests, the
 * {@link io.reco4j.data.download.DatasetDownloader} behind {@code reco data download}, and the
 * {@link io.reco4j.data.download.DataLocator} that turns a {@code --data} argument into a path.
 */
package io.reco4j.data.download;
