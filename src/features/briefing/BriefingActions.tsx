/** The briefing's buttons in the filter bar: save the view, export it as an image, present it. */
import { useTranslation } from 'react-i18next';
import { useAtlas } from '../../context/AtlasContext';
import { ImageExport } from './ImageExport';
import { enterPresent } from './PresentFrame';
import { SaveViewButton } from './SaveViewButton';

/** Save view, image export and Present mode, for the filter bar's `actions`. */
export function BriefingActions() {
  const { store } = useAtlas();
  const { t } = useTranslation();
  return (
    <>
      <SaveViewButton />
      <ImageExport />
      <button
        type="button"
        className="button button--primary"
        data-testid="present"
        onClick={() => enterPresent((u) => store.set(u, 'push'))}
      >
        {t('present.enter')}
      </button>
    </>
  );
}
