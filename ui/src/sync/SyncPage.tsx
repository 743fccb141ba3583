import { useTranslation } from "react-i18next";

import { NotYetAvailable } from "../shell/NotYetAvailable";
import { sectionById } from "../shell/sections";

/** Sync: not in this version yet; the page says so and what it will hold. */
export function SyncPage() {
  const { t } = useTranslation();
  return (
    <NotYetAvailable
      title={t("sections.sync.title")}
      description={t("sections.sync.description")}
      icon={sectionById("sync").icon}
    />
  );
}
