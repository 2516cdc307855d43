/**
 * A view whose address exists but whose content is not built yet: says so plainly, so shared
 * links to it keep working.
 */
import { useTranslation } from 'react-i18next';
import type { ViewId } from '../../model/viewState';

/** The planned-view notice. */
export function PlannedView({ view }: { view: ViewId }) {
  const { t } = useTranslation();
  return (
    <section
      className="view view--planned panel"
      aria-labelledby="planned-title"
      data-planned={view}
    >
      <h2 id="planned-title" className="panel__title">
        {t('placeholder.title', { view: t(`nav.${view}`) })}
      </h2>
      <p className="muted">{t('placeholder.body')}</p>
    </section>
  );
}
