/** "Save view": keeps the current view (its link) with a title and a speaker note, in this browser. */
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAtlas } from '../../context/AtlasContext';
import { saveView } from './briefingStore';
import { slideLink } from './deck';

/** The button and its dialog. */
export function SaveViewButton() {
  const { store } = useAtlas();
  const { t } = useTranslation();
  const dialog = useRef<HTMLDialogElement>(null);
  const [title, setTitle] = useState('');
  const [note, setNote] = useState('');
  const [saved, setSaved] = useState(false);
  return (
    <>
      <button
        type="button"
        className="button"
        data-testid="save-view"
        onClick={() => {
          setTitle(t(`nav.${store.get().view}`));
          setNote('');
          setSaved(false);
          dialog.current?.showModal();
        }}
      >
        {t('briefing.saveView')}
      </button>
      <dialog ref={dialog} className="about save-view" aria-labelledby="save-view-title">
        <form
          method="dialog"
          onSubmit={(e) => {
            if (!title.trim()) {
              e.preventDefault();
              return;
            }
            saveView({
              title: title.trim().slice(0, 200),
              note: note.slice(0, 4000),
              link: slideLink(store.get()),
            });
            setSaved(true);
          }}
        >
          <h2 id="save-view-title">{t('briefing.saveViewTitle')}</h2>
          <label className="field field--block">
            <span className="field__label">{t('briefing.title')}</span>
            <input
              data-testid="save-view-name"
              value={title}
              maxLength={200}
              required
              onChange={(e) => setTitle(e.target.value)}
            />
          </label>
          <label className="field field--block">
            <span className="field__label">{t('briefing.note')}</span>
            <textarea
              data-testid="save-view-note"
              value={note}
              maxLength={4000}
              rows={4}
              onChange={(e) => setNote(e.target.value)}
            />
          </label>
          <div className="toolbar">
            <button type="submit" className="button button--primary" data-testid="save-view-ok">
              {t('briefing.save')}
            </button>
            <button type="button" className="button" onClick={() => dialog.current?.close()}>
              {t('briefing.cancel')}
            </button>
          </div>
        </form>
      </dialog>
      {saved && (
        <span className="visually-hidden" role="status">
          {t('briefing.savedStatus')}
        </span>
      )}
    </>
  );
}
