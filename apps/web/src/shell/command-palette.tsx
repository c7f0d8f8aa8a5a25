import { createSpotlight, Spotlight, type SpotlightActionGroupData, useSpotlight } from '@mantine/spotlight';
import '@mantine/spotlight/styles.css';
import { useDebouncedValue } from '@mantine/hooks';
import { IconKeyboard, IconLanguage, IconMoon, IconPlus, IconSearch, IconSend } from '@tabler/icons-react';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useUser } from '../auth/user-context';
import { campaignTitle } from '../campaigns/campaign-title';
import { en } from '../i18n/en';
import { fa } from '../i18n/fa';
import { useI18n } from '../i18n/i18n-provider';
import { useChangeLanguage } from '../i18n/use-change-language';
import { trpc } from '../trpc/trpc';
import { useToggleColorScheme } from './color-scheme-toggle';
import { visibleNavItems } from './nav-items';
import { filterPalette, type PaletteItem } from './palette-filter';

export const [paletteStore, palette] = createSpotlight();

interface Entry extends PaletteItem {
  group: 'pages' | 'actions' | 'campaigns';
  icon: React.ReactNode;
  run(): void;
}

const GROUP_LABEL = {
  pages: 'palette.pages',
  actions: 'palette.actions',
  campaigns: 'palette.campaigns',
} as const;

/** Ctrl/⌘+K: jump to any page or campaign, or run a common action, by typing a few letters. */
export function CommandPalette({ onHelp }: { onHelp(): void }) {
  const { t, language, formatId } = useI18n();
  const user = useUser();
  const navigate = useNavigate();
  const toggleTheme = useToggleColorScheme();
  const changeLanguage = useChangeLanguage();
  const { opened } = useSpotlight(paletteStore);
  const [query, setQuery] = useState('');
  // The newest campaigns load when the palette opens (found by title or message text here);
  // older ones are asked of the server by title or number as the user types.
  const recent = trpc.campaigns.list.useQuery({}, { enabled: opened, staleTime: 30_000 });
  const [searchTerm] = useDebouncedValue(query.trim().slice(0, 100), 200);
  const found = trpc.campaigns.list.useQuery(
    { search: searchTerm, limit: 20 },
    { enabled: opened && searchTerm !== '', staleTime: 30_000 },
  );
  const campaigns = uniqueById([...(found.data?.items ?? []), ...(recent.data?.items ?? [])]);

  const entries: Entry[] = [
    ...visibleNavItems(user).map(
      (item): Entry => ({
        id: `page:${item.to}`,
        group: 'pages',
        label: t(item.label),
        // Found by its name in either language.
        keywords: [en[item.label], fa[item.label]],
        icon: item.icon,
        run: () => navigate(item.to),
      }),
    ),
    {
      id: 'action:new-campaign',
      group: 'actions',
      label: t('palette.newCampaign'),
      keywords: [en['palette.newCampaign'], fa['palette.newCampaign']],
      icon: <IconPlus size={18} aria-hidden />,
      run: () => navigate('/campaigns/new'),
    },
    {
      id: 'action:theme',
      group: 'actions',
      label: t('shortcuts.toggleTheme'),
      keywords: ['dark', 'light', 'تیره', 'روشن'],
      icon: <IconMoon size={18} aria-hidden />,
      run: toggleTheme,
    },
    {
      id: 'action:language',
      group: 'actions',
      label: t('shortcuts.toggleLanguage'),
      keywords: ['language', 'زبان', 'English', 'فارسی'],
      icon: <IconLanguage size={18} aria-hidden />,
      run: () => changeLanguage(language === 'fa' ? 'en' : 'fa'),
    },
    {
      id: 'action:shortcuts',
      group: 'actions',
      label: t('shortcuts.title'),
      keywords: [en['shortcuts.title'], fa['shortcuts.title']],
      icon: <IconKeyboard size={18} aria-hidden />,
      run: onHelp,
    },
    ...campaigns.map(
      (campaign): Entry => ({
        id: `campaign:${campaign.id}`,
        group: 'campaigns',
        label: campaignTitle(campaign, { t, formatId }),
        keywords: [`#${campaign.id}`, `#${formatId(campaign.id)}`, campaign.message.slice(0, 200)],
        icon: <IconSend size={18} aria-hidden />,
        run: () => navigate(`/campaigns/${campaign.id}`),
      }),
    ),
  ];

  const shown = filterPalette(entries, query);
  const groups: SpotlightActionGroupData[] = (['pages', 'actions', 'campaigns'] as const)
    .map((group) => ({
      group: t(GROUP_LABEL[group]),
      actions: shown
        .filter((entry) => entry.group === group)
        .map((entry) => ({ id: entry.id, label: entry.label, leftSection: entry.icon, onClick: entry.run })),
    }))
    .filter((group) => group.actions.length > 0);

  return (
    <Spotlight
      store={paletteStore}
      shortcut={null}
      actions={groups}
      // Filtering is ours (Persian-aware); Spotlight shows what we hand it.
      filter={(_, actions) => actions}
      query={query}
      onQueryChange={setQuery}
      nothingFound={t('palette.nothingFound')}
      scrollable
      maxHeight={420}
      searchProps={{
        leftSection: <IconSearch size={18} aria-hidden />,
        placeholder: t('palette.placeholder'),
        'aria-label': t('palette.label'),
      }}
    />
  );
}

function uniqueById<T extends { id: number }>(items: T[]): T[] {
  const seen = new Set<number>();
  return items.filter((item) => !seen.has(item.id) && seen.add(item.id));
}
