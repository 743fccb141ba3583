import { useTranslation } from "react-i18next";

import { NotYetAvailable } from "../shell/NotYetAvailable";
import { sectionById } from "../shell/sections";

/** Training: not in this version yet; the page says so and what it will hold. */
export function TrainingPage() {
  const { t } = useTranslation();
  return (
    <NotYetAvailable
      title={t("sections.training.title")}
      description={t("sections.training.description")}
      icon={sectionById("training").icon}
    />
  );
}
