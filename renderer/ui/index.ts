export { Button, type ButtonProps } from './Button';
export { Field, type FieldProps } from './Field';
export { Tabs, type TabsProps, type TabItem } from './Tabs';
export { Dialog, type DialogProps } from './Dialog';
export { Icon, type IconProps } from './Icon';
