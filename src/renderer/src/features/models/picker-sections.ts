import type { Model } from '../../../../shared/contract.ts'
import { groupByVendor, matchesFilter } from './describe-model.ts'

/** One labelled group of the picker's list. */
export type PickerSection = { key: string; label: string; models: Model[] }

/** One option of the list: a model in a section (a model may be in two sections). */
export type PickerRow = { key: string; model: Model }

type Lists = { models: Model[]; favouriteIds: string[]; recentIds: string[] }

/**
 * The picker's groups: "Favourites", then "Recently used" (less the favourites), then one group
 * per vendor with every model. While filtering, only the vendor groups with matching models, so
 * each match is listed once.
 */
export function pickerSections({ models, favouriteIds, recentIds }: Lists, filter: string) {
  const vendorSections = (list: Model[]): PickerSection[] =>
    groupByVendor(list).map((group) => ({
      key: `vendor-${group.vendor}`,
      label: group.vendor,
      models: group.models,
    }))
  if (filter.trim()) return vendorSections(models.filter((m) => matchesFilter(m, filter)))
  const byId = (ids: string[]) => ids.flatMap((id) => models.find((m) => m.id === id) ?? [])
  const favourites = byId(favouriteIds)
  const recent = byId(recentIds.filter((id) => !favouriteIds.includes(id)))
  return [
    ...(favourites.length ? [{ key: 'favourites', label: 'Favourites', models: favourites }] : []),
    ...(recent.length ? [{ key: 'recent', label: 'Recently used', models: recent }] : []),
    ...vendorSections(models),
  ]
}

/** The options in the order the arrow keys move through them. */
export function pickerRows(sections: PickerSection[]): PickerRow[] {
  return sections.flatMap((section) =>
    section.models.map((model) => ({ key: `${section.key}:${model.id}`, model })),
  )
}
