/** Small inline icons for the run controls: no font glyphs that a system may lack. */
const common = { width: 14, height: 14, viewBox: '0 0 16 16', 'aria-hidden': true, focusable: false } as const;

export const PlayIcon = () => (
  <svg {...common}>
    <path d="M4 2.5v11l9-5.5z" fill="currentColor" />
  </svg>
);
export const PauseIcon = () => (
  <svg {...common}>
    <rect x="3.5" y="2.5" width="3" height="11" rx="0.5" fill="currentColor" />
    <rect x="9.5" y="2.5" width="3" height="11" rx="0.5" fill="currentColor" />
  </svg>
);
export const StepIcon = () => (
  <svg {...common}>
    <path d="M3 2.5v11l7-5.5z" fill="currentColor" />
    <rect x="11" y="2.5" width="2.2" height="11" rx="0.5" fill="currentColor" />
  </svg>
);
export const ResetIcon = () => (
  <svg {...common}>
    <path d="M3.2 8a4.8 4.8 0 1 0 1.5-3.5" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" />
    <path d="M3 1.8v3.6h3.6" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" strokeLinejoin="round" />
  </svg>
);
export const DiceIcon = () => (
  <svg {...common}>
    <rect x="2" y="2" width="12" height="12" rx="2.5" fill="none" stroke="currentColor" strokeWidth="1.4" />
    <circle cx="5.5" cy="5.5" r="1.1" fill="currentColor" />
    <circle cx="10.5" cy="10.5" r="1.1" fill="currentColor" />
    <circle cx="8" cy="8" r="1.1" fill="currentColor" />
  </svg>
);
