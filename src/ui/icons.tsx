/**
 * Inline SVG icons (24×24, stroked with the current text colour). Decorative:
 * every control that shows one also has a text label or an aria-label.
 */
import type { ReactNode, SVGProps } from 'react';
import type { NodeKind } from '../scenario/kinds';

type IconProps = SVGProps<SVGSVGElement> & { size?: number };

function Svg({ size = 18, children, ...rest }: IconProps & { children: ReactNode }) {
  return (
    <svg
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={1.8}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
      {...rest}
    >
      {children}
    </svg>
  );
}

const kindPaths: Record<NodeKind, ReactNode> = {
  client: (
    <>
      <rect x="3" y="4" width="18" height="12" rx="2" />
      <path d="M8 20h8M12 16v4" />
    </>
  ),
  loadBalancer: (
    <>
      <circle cx="5" cy="12" r="2" />
      <path d="M7 12h4M11 12l6-6M11 12l6 6M11 12h6" />
      <circle cx="19" cy="6" r="1.6" />
      <circle cx="19" cy="12" r="1.6" />
      <circle cx="19" cy="18" r="1.6" />
    </>
  ),
  service: (
    <>
      <rect x="3" y="4" width="18" height="7" rx="1.5" />
      <rect x="3" y="13" width="18" height="7" rx="1.5" />
      <path d="M7 7.5h.01M7 16.5h.01M11 7.5h6M11 16.5h6" />
    </>
  ),
  database: (
    <>
      <ellipse cx="12" cy="5.5" rx="7.5" ry="2.5" />
      <path d="M4.5 5.5v13c0 1.4 3.4 2.5 7.5 2.5s7.5-1.1 7.5-2.5v-13" />
      <path d="M4.5 12c0 1.4 3.4 2.5 7.5 2.5s7.5-1.1 7.5-2.5" />
    </>
  ),
  cache: <path d="M13 2 4 14h7l-1 8 9-12h-7l1-8Z" />,
  queue: (
    <>
      <rect x="2.5" y="7" width="4" height="10" rx="1" />
      <rect x="8.5" y="7" width="4" height="10" rx="1" />
      <rect x="14.5" y="7" width="4" height="10" rx="1" />
      <path d="M20.5 12h1" />
    </>
  ),
  index: (
    <>
      <circle cx="10.5" cy="10.5" r="6" />
      <path d="m15 15 6 6M8 10.5h5M10.5 8v5" />
    </>
  ),
  log: (
    <>
      <path d="M3 6h18M3 12h18M3 18h18" />
      <path d="M7 4v4M12 10v4M16 16v4" />
    </>
  ),
  batch: (
    <>
      <rect x="3" y="4" width="9" height="3.5" rx="1" />
      <rect x="7" y="10.25" width="8" height="3.5" rx="1" />
      <rect x="5" y="16.5" width="15" height="3.5" rx="1" />
      <path d="M21 3v18" />
    </>
  ),
};

export function KindIcon({ kind, ...rest }: IconProps & { kind: NodeKind }) {
  return <Svg {...rest}>{kindPaths[kind]}</Svg>;
}

const uiPaths = {
  undo: <path d="M9 14 4 9l5-5M4 9h10.5a5.5 5.5 0 0 1 0 11H11" />,
  redo: <path d="m15 14 5-5-5-5M20 9H9.5a5.5 5.5 0 0 0 0 11H13" />,
  zoomIn: (
    <>
      <circle cx="11" cy="11" r="7" />
      <path d="m20 20-4-4M8 11h6M11 8v6" />
    </>
  ),
  zoomOut: (
    <>
      <circle cx="11" cy="11" r="7" />
      <path d="m20 20-4-4M8 11h6" />
    </>
  ),
  fitView: <path d="M4 9V5a1 1 0 0 1 1-1h4M15 4h4a1 1 0 0 1 1 1v4M20 15v4a1 1 0 0 1-1 1h-4M9 20H5a1 1 0 0 1-1-1v-4" />,
  grid: (
    <>
      <path d="M4 9h16M4 15h16M9 4v16M15 4v16" />
      <rect x="4" y="4" width="16" height="16" rx="2" />
    </>
  ),
  minimap: (
    <>
      <rect x="3" y="5" width="18" height="14" rx="2" />
      <rect x="12" y="11" width="6" height="5" rx="1" />
    </>
  ),
  trash: <path d="M4 7h16M10 11v6M14 11v6M6 7l1 12a2 2 0 0 0 2 2h6a2 2 0 0 0 2-2l1-12M9 7V4h6v3" />,
  copy: (
    <>
      <rect x="8" y="8" width="12" height="12" rx="2" />
      <path d="M16 8V6a2 2 0 0 0-2-2H6a2 2 0 0 0-2 2v8a2 2 0 0 0 2 2h2" />
    </>
  ),
  link: <path d="M10 14a4.5 4.5 0 0 0 6.4 0l3.2-3.2a4.5 4.5 0 0 0-6.4-6.4L12 5.6M14 10a4.5 4.5 0 0 0-6.4 0l-3.2 3.2a4.5 4.5 0 0 0 6.4 6.4l1.2-1.2" />,
  upload: <path d="M12 15V3M7 8l5-5 5 5M4 15v4a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2v-4" />,
  download: <path d="M12 3v12M7 10l5 5 5-5M4 15v4a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2v-4" />,
  file: (
    <>
      <path d="M14 3H7a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h10a2 2 0 0 0 2-2V8l-5-5Z" />
      <path d="M14 3v5h5" />
    </>
  ),
  presets: (
    <>
      <rect x="3" y="3" width="7" height="7" rx="1.5" />
      <rect x="14" y="3" width="7" height="7" rx="1.5" />
      <rect x="3" y="14" width="7" height="7" rx="1.5" />
      <rect x="14" y="14" width="7" height="7" rx="1.5" />
    </>
  ),
  sun: (
    <>
      <circle cx="12" cy="12" r="4" />
      <path d="M12 2v2M12 20v2M4.9 4.9l1.4 1.4M17.7 17.7l1.4 1.4M2 12h2M20 12h2M4.9 19.1l1.4-1.4M17.7 6.3l1.4-1.4" />
    </>
  ),
  moon: <path d="M20 14.5A8 8 0 0 1 9.5 4 8 8 0 1 0 20 14.5Z" />,
  close: <path d="M6 6l12 12M18 6 6 18" />,
  info: (
    <>
      <circle cx="12" cy="12" r="9" />
      <path d="M12 11v5M12 8h.01" />
    </>
  ),
  alert: (
    <>
      <path d="M10.3 3.9 2.4 18a2 2 0 0 0 1.7 3h15.8a2 2 0 0 0 1.7-3L13.7 3.9a2 2 0 0 0-3.4 0Z" />
      <path d="M12 9v4M12 17h.01" />
    </>
  ),
  check: <path d="m5 12 5 5L20 7" />,
  dice: (
    <>
      <rect x="3" y="3" width="18" height="18" rx="3" />
      <path d="M8 8h.01M16 8h.01M12 12h.01M8 16h.01M16 16h.01" strokeWidth={2.6} />
    </>
  ),
  plus: <path d="M12 5v14M5 12h14" />,
  users: (
    <>
      <circle cx="9" cy="8" r="3.2" />
      <path d="M3 20c0-3.3 2.7-6 6-6s6 2.7 6 6" />
      <circle cx="17.5" cy="9.5" r="2.4" />
      <path d="M16.5 14.2c2.6.2 4.5 2.5 4.5 5.3" />
    </>
  ),
  compare: <path d="M4 20V10M10 20V4M16 20v-7M22 20H2" />,
  sweep: <path d="M3 20h18M4 17c5 0 8-1 10-4s3-6 3-9M17 4l2 2M17 4l-2 2" />,
  chevronDown: <path d="m6 9 6 6 6-6" />,
  chevronRight: <path d="m9 6 6 6-6 6" />,
  /** Break it: a crack through a box. */
  broken: <path d="M4 4h7l-2 5 4 3-2 8H4ZM14 4h6v16h-5l2-7-4-3Z" />,
  keyboard: (
    <>
      <rect x="2" y="6" width="20" height="12" rx="2" />
      <path d="M6 10h.01M10 10h.01M14 10h.01M18 10h.01M7 14h10" />
    </>
  ),
  logo: (
    <>
      <circle cx="5" cy="12" r="2.2" />
      <path d="M7 12c4 0 5-6 9-6M7 12c4 0 5 6 9 6M7 12h9" />
      <circle cx="18" cy="6" r="2" />
      <circle cx="18" cy="12" r="2" />
      <circle cx="18" cy="18" r="2" />
    </>
  ),
} satisfies Record<string, ReactNode>;

export type IconName = keyof typeof uiPaths;

export function Icon({ name, ...rest }: IconProps & { name: IconName }) {
  return <Svg {...rest}>{uiPaths[name]}</Svg>;
}
