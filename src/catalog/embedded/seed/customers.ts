import type { Customer, OrderStatus } from '../../commerce.js';

/** A demo customer and the access token that stands in for a linked account. */
export interface SeedCustomer extends Customer {
  accessToken: string;
}

export const seedCustomers: SeedCustomer[] = [
  { id: 'C-1001', name: 'Anna Schmidt', email: 'anna.schmidt@example.com', phone: '+49 151 23456789', accessToken: 'demo-token-anna' },
  { id: 'C-1002', name: 'Ben Hoffmann', email: 'ben.hoffmann@example.com', accessToken: 'demo-token-ben' },
  { id: 'C-1003', name: 'Clara Weber', email: 'clara.weber@example.com', accessToken: 'demo-token-clara' },
  { id: 'C-1004', name: 'David Miller', email: 'david.miller@example.com', phone: '+44 7700 900123', accessToken: 'demo-token-david' },
  { id: 'C-1005', name: 'Emma Wagner', email: 'emma.wagner@example.com', accessToken: 'demo-token-emma' },
  { id: 'C-1006', name: 'Felix Braun', email: 'felix.braun@example.com', accessToken: 'demo-token-felix' },
];

/** A past order; line prices default to today's price unless `price` says what was paid. */
export interface SeedOrder {
  number: string;
  customerId: string;
  status: OrderStatus;
  placedAt: string;
  lines: Array<{ productId: string; quantity: number; price?: number }>;
  carrier?: string;
  trackingNumber?: string;
  expectedDelivery?: string;
  deliveredOn?: string;
}

/**
 * Orders around "today" = 2026-11-22 (a Sunday). Latest per customer: Anna shipped (arrives
 * Tuesday 24th), Ben delivered, Clara in progress, David received this morning, Emma cancelled
 * (and everything in it is sold out, so it cannot be reordered). Sold-out lines: Sojadrink,
 * Powerbank 20000, Kartoffelchips, Webcam, Sonnencreme LSF 30, Rasierklingen. Felix has two open
 * orders (one shipped, one just received), so "where is my order" must ask which.
 */
export const seedOrders: SeedOrder[] = [
  { number: '10018', customerId: 'C-1001', status: 'delivered', placedAt: '2026-10-12T09:14:00Z',
    carrier: 'DHL', trackingNumber: '00340434161200180018', expectedDelivery: '2026-10-15', deliveredOn: '2026-10-15',
    lines: [{ productId: 'P-1001', quantity: 6 }, { productId: 'P-1027', quantity: 1, price: 1399 }, { productId: 'P-1008', quantity: 1 }] },
  { number: '10042', customerId: 'C-1001', status: 'shipped', placedAt: '2026-11-20T18:32:00Z',
    carrier: 'DHL', trackingNumber: '00340434161200420042', expectedDelivery: '2026-11-24',
    lines: [
      { productId: 'P-1001', quantity: 2 },
      { productId: 'P-1008', quantity: 1 },
      { productId: 'P-3001', quantity: 1 },
      { productId: 'P-1007', quantity: 2 },
      { productId: 'P-1012', quantity: 1 },
    ] },
  { number: '10027', customerId: 'C-1002', status: 'cancelled', placedAt: '2026-10-30T20:11:00Z',
    lines: [{ productId: 'P-4012', quantity: 1 }] },
  { number: '10039', customerId: 'C-1002', status: 'delivered', placedAt: '2026-11-14T10:05:00Z',
    carrier: 'DPD', trackingNumber: '01905034567890', expectedDelivery: '2026-11-18', deliveredOn: '2026-11-18',
    lines: [{ productId: 'P-4003', quantity: 1 }, { productId: 'P-4029', quantity: 1 }, { productId: 'P-5009', quantity: 1 }] },
  { number: '10035', customerId: 'C-1003', status: 'delivered', placedAt: '2026-11-05T07:48:00Z',
    carrier: 'DHL', trackingNumber: '00340434161200350035', expectedDelivery: '2026-11-08', deliveredOn: '2026-11-07',
    lines: [{ productId: 'P-2001', quantity: 2 }, { productId: 'P-2008', quantity: 1 }, { productId: 'P-2021', quantity: 2 }] },
  { number: '10043', customerId: 'C-1003', status: 'in_progress', placedAt: '2026-11-21T16:47:00Z', expectedDelivery: '2026-11-25',
    lines: [
      { productId: 'P-1002', quantity: 4 },
      { productId: 'P-1029', quantity: 1 },
      { productId: 'P-1044', quantity: 2 },
      { productId: 'P-1043', quantity: 1 },
    ] },
  { number: '10031', customerId: 'C-1004', status: 'delivered', placedAt: '2026-11-02T13:20:00Z',
    carrier: 'Hermes', trackingNumber: 'H1004310310311', expectedDelivery: '2026-11-05', deliveredOn: '2026-11-05',
    lines: [{ productId: 'P-5001', quantity: 2 }, { productId: 'P-5016', quantity: 1 }] },
  { number: '10044', customerId: 'C-1004', status: 'received', placedAt: '2026-11-22T08:15:00Z',
    lines: [{ productId: 'P-5001', quantity: 1 }, { productId: 'P-5003', quantity: 2 }, { productId: 'P-5026', quantity: 1 }] },
  { number: '10022', customerId: 'C-1005', status: 'delivered', placedAt: '2026-10-20T11:02:00Z',
    carrier: 'DPD', trackingNumber: '01905022222022', expectedDelivery: '2026-10-23', deliveredOn: '2026-10-23',
    lines: [{ productId: 'P-3003', quantity: 1 }, { productId: 'P-3007', quantity: 1 }, { productId: 'P-3009', quantity: 2 }] },
  { number: '10037', customerId: 'C-1005', status: 'shipped', placedAt: '2026-11-18T19:40:00Z',
    carrier: 'DPD', trackingNumber: '01905037370037', expectedDelivery: '2026-11-23',
    lines: [{ productId: 'P-4017', quantity: 1 }, { productId: 'P-4022', quantity: 1 }] },
  { number: '10038', customerId: 'C-1006', status: 'shipped', placedAt: '2026-11-19T09:30:00Z',
    carrier: 'Hermes', trackingNumber: 'H1006380380381', expectedDelivery: '2026-11-24',
    lines: [{ productId: 'P-4019', quantity: 1 }] },
  { number: '10040', customerId: 'C-1006', status: 'received', placedAt: '2026-11-21T12:10:00Z',
    lines: [{ productId: 'P-4025', quantity: 2 }, { productId: 'P-4022', quantity: 1 }] },
  { number: '10041', customerId: 'C-1005', status: 'cancelled', placedAt: '2026-11-19T21:03:00Z',
    lines: [{ productId: 'P-2014', quantity: 1 }, { productId: 'P-2018', quantity: 1 }] },
];
